package org.openll.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.protobuf.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.openll.api.v1.StatusResponse;
import org.openll.cli.master.DaemonState;

class DaemonStatusLineTest {
  static final Instant NOW = Instant.parse("2026-11-25T20:00:00Z");

  @Test
  void line_upStartdWithStatus_showsPidUptimeVersionThenContainment() {
    StatusResponse status = StatusResponse.newBuilder().setVersion("0.4.0").setPid(999).setHealth("up")
        .setStartTime(Timestamp.newBuilder().setSeconds(NOW.minusSeconds(3725).getEpochSecond())).build();
    DaemonState state = new DaemonState("startd-vm-1", 4250, Optional.empty(), 2, 10, Optional.empty());
    DaemonStatusLine line = new DaemonStatusLine("startd-vm-1", Optional.of("127.0.0.1:4000"), true,
        Optional.of(state), Optional.of(status), "proc");

    assertEquals("startd-vm-1              127.0.0.1:4000        up   restarts 2   pid 4250    uptime 01:02:05"
        + "    version 0.4.0 containment proc", line.line(NOW));
  }

  @Test
  void line_drainedDaemon_stateSaysDrained() {
    StatusResponse status = StatusResponse.newBuilder().setAdminState("drained").setPid(7).build();
    DaemonStatusLine line = new DaemonStatusLine("schedd", Optional.of("127.0.0.1:4001"), true, Optional.empty(),
        Optional.of(status), "");
    assertEquals("drained", line.stateWord());
    assertEquals(7, line.pid());
  }

  @Test
  void line_downDaemon_uptimeUnknownRestartsKept() {
    DaemonState state = new DaemonState("schedd", 101, Optional.of(NOW.minusSeconds(10)), 1, 10, Optional.empty());
    DaemonStatusLine line = new DaemonStatusLine("schedd", Optional.empty(), false, Optional.of(state),
        Optional.empty(), "");
    assertEquals("schedd                   -                     down restarts 1   pid 101     uptime -"
        + "           version -", line.line(NOW));
    assertEquals("down", line.json(NOW).get("state").getAsString());
  }

  @Test
  void uptimeText_overADay_daysPlusTime() {
    assertEquals("1+00:00:05", DaemonStatusLine.uptimeText(Duration.ofSeconds(86_405)));
    assertEquals("00:00:00", DaemonStatusLine.uptimeText(Duration.ZERO));
  }
}
