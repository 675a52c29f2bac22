package org.openll.common.control;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * The openll version this process runs, read as the startd's machine ad reads it: the jar
 * manifest's Implementation-Version, else the Maven {@code pom.properties} of the common module;
 * "unknown" when run from classes (every module of a build has the same version).
 */
public final class OpenllVersion {
  static final String UNKNOWN = "unknown";
  private static final String PROPERTIES = "/META-INF/maven/org.openll/common/pom.properties";

  private OpenllVersion() {}

  public static String current() {
    String version = OpenllVersion.class.getPackage().getImplementationVersion();
    if (version != null) {
      return version;
    }
    try (InputStream in = OpenllVersion.class.getResourceAsStream(PROPERTIES)) {
      return in == null ? UNKNOWN : fromProperties(in);
    } catch (IOException e) {
      return UNKNOWN;
    }
  }

  /** The {@code version} of a pom.properties stream; "unknown" without one. */
  static String fromProperties(InputStream in) throws IOException {
    Properties loaded = new Properties();
    loaded.load(in);
    return loaded.getProperty("version", UNKNOWN);
  }
}
