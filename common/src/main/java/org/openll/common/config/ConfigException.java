package org.openll.common.config;

/** A configuration file or flag that cannot be used; the message names the file, line or keyword. */
public final class ConfigException extends RuntimeException {
  public ConfigException(String message) {
    super(message);
  }
}
