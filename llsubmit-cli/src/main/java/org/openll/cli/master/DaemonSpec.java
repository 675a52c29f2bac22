package org.openll.cli.master;

import java.util.List;

/**
 * One daemon the master runs.
 *
 * @param name the daemon's name in the cluster home: "negotiator", "schedd" or "startd-MACHINE";
 *     its log is {@code log/NAME.log} and its address {@code run/NAME.addr}
 * @param mainClass the class whose main starts it
 * @param args its arguments
 */
public record DaemonSpec(String name, String mainClass, List<String> args) {
  public static final String NEGOTIATOR_MAIN = "org.openll.negotiator.NegotiatorMain";
  public static final String SCHEDD_MAIN = "org.openll.schedd.ScheddMain";
  public static final String STARTD_MAIN = "org.openll.startd.StartdMain";

  public DaemonSpec {
    args = List.copyOf(args);
  }

  public boolean isStartd() {
    return name.startsWith("startd-");
  }

  /**
   * JVM flags of this daemon besides {@link JavaCommand#DAEMON_FLAGS}. A startd runs C1 only: its
   * per-step work is small and I/O-bound, and C2 compiling netty and gRPC took ~30 % of its CPU
   * over its first thousands of steps (docs/performance.md, "Profile-driven changes").
   */
  public List<String> jvmFlags() {
    return isStartd() ? List.of("-XX:TieredStopAtLevel=1") : List.of();
  }
}
