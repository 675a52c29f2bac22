package org.openll.common.cluster;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;

/** This machine's names as LoadLeveler uses them. */
public final class HostNames {
  private static final Path KERNEL_HOSTNAME = Path.of("/proc/sys/kernel/hostname");

  private HostNames() {}

  /**
   * The full host name: the kernel's (what gethostname(2) and {@code InetAddress.getLocalHost()}
   * name), else the resolver's, else "localhost". The kernel's is read from /proc: the JDK's
   * resolver looks for a resolver provider in every jar of the class path first, ~40 ms of a
   * command's start.
   */
  public static String fullName() {
    try {
      String kernel = Files.readString(KERNEL_HOSTNAME).strip();
      if (!kernel.isEmpty()) {
        return kernel;
      }
    } catch (IOException | RuntimeException e) {
      // not Linux: ask the resolver
    }
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      String env = System.getenv("HOSTNAME");
      return env == null || env.isBlank() ? "localhost" : env;
    }
  }

  /** The environment variable that overrides this machine's name (tests run several "hosts" on one machine). */
  public static final String OVERRIDE_ENV = "LOADL_HOST";

  /** {@code LOADL_HOST} from {@code env} when set, else {@link #shortName()}. */
  public static String localName(java.util.Map<String, String> env) {
    String override = env.get(OVERRIDE_ENV);
    return override == null || override.isBlank() ? shortName() : override.strip();
  }

  /** The host name without its domain: the first part of step ids and what llq shows. */
  public static String shortName() {
    return shorten(fullName());
  }

  /** {@code name} without its domain; dotted-quad addresses stay whole. */
  public static String shorten(String name) {
    if (name.matches("\\d+\\.\\d+\\.\\d+\\.\\d+")) {
      return name;
    }
    int dot = name.indexOf('.');
    return dot > 0 ? name.substring(0, dot) : name;
  }
}
