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
   * A startd's JIT: C1 only, compiling a method after a tenth of the default invocations (20
   * instead of 200): much of a startd's work runs once per step, and stayed interpreted for the
   * first ~40 s of a fresh 10,000-step run (docs/performance.md, "The seventh pass").
   */
  static final List<String> STARTD_JIT = List.of("-XX:TieredStopAtLevel=1", "-XX:CompileThresholdScaling=0.1");

  /**
   * The schedd's and the negotiator's JIT: C2 with a fifth of its default inlining (methods up to
   * 50 bytecodes instead of 325 on hot paths, callees whose compiled code is up to 500 bytes instead
   * of 2,500, 6 levels deep instead of 15).
   */
  static final List<String> C2_JIT = List.of("-XX:FreqInlineSize=50", "-XX:InlineSmallCode=500",
      "-XX:MaxInlineLevel=6");

  /**
   * JVM flags of this daemon besides {@link JavaCommand#DAEMON_FLAGS}. A startd runs C1 only: its
   * per-step work is small and I/O-bound, and C2 compiling netty and gRPC took ~30 % of its CPU
   * over its first thousands of steps. The schedd and the negotiator keep C2 (the negotiator's cycle
   * and the schedd's submit rate need it), but with less inlining: C2 took a third of their CPU
   * over a fresh 10,000-step file, compiling netty's and gRPC's deep call chains into methods of
   * 60–100 KB of code (docs/performance.md, "Profile-driven changes" and "The sixth pass").
   */
  public List<String> jvmFlags() {
    return isStartd() ? STARTD_JIT : C2_JIT;
  }
}
