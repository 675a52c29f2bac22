package org.openll.cli;

import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.openll.api.v1.StatusResponse;
import org.openll.cli.master.DaemonState;

/**
 * One daemon in {@code llctl status}: what the master published of it ({@code run/master.status})
 * and what it answered itself (health check and {@code DaemonControl.Status}), as a line and as a
 * JSON object. The pid is the master's when it published one; the uptime counts from the start
 * time the daemon reports, else from the master's. Pure.
 *
 * @param name e.g. "schedd", "startd-HOST-1"
 * @param address its published address, if any
 * @param healthy whether it answered SERVING
 * @param state what the master published of it
 * @param status what it answered to Status (empty: unreachable, or an older daemon)
 * @param containment for a startd, how its starters contain steps; empty otherwise
 */
record DaemonStatusLine(String name, Optional<String> address, boolean healthy, Optional<DaemonState> state,
    Optional<StatusResponse> status, String containment) {

  /** "up", "down", or the administrator's state ("drained", "flushed", "drained classes: a b") of a daemon that is up. */
  String stateWord() {
    if (!healthy) {
      return "down";
    }
    String admin = status.map(StatusResponse::getAdminState).orElse("");
    return admin.isEmpty() ? "up" : admin;
  }

  long pid() {
    return state.map(DaemonState::pid).filter(p -> p > 0).orElse(status.map(StatusResponse::getPid).orElse(0L));
  }

  /** When the running process started: its own answer, else the master's record while it is up. */
  Optional<Instant> startedAt() {
    Optional<Instant> own = status.filter(StatusResponse::hasStartTime)
        .map(s -> Instant.ofEpochSecond(s.getStartTime().getSeconds(), s.getStartTime().getNanos()))
        .filter(i -> !i.equals(Instant.EPOCH));
    return own.isPresent() || !healthy ? own : state.flatMap(DaemonState::startedAt);
  }

  Optional<Duration> uptime(Instant now) {
    return startedAt().map(s -> Duration.between(s, now)).map(d -> d.isNegative() ? Duration.ZERO : d);
  }

  String version() {
    return status.map(StatusResponse::getVersion).filter(v -> !v.isEmpty()).orElse("-");
  }

  /**
   * {@code NAME ADDRESS STATE restarts N pid P uptime U version V[ containment C]}; the restarts
   * only when the master published the daemon's state, "-" for what is unknown.
   */
  String line(Instant now) {
    String restarts = state.map(s -> String.format(" restarts %-3d", s.restartsLastHour())).orElse("");
    String pid = pid() > 0 ? Long.toString(pid()) : "-";
    String details = String.format(" pid %-7s uptime %-11s version %s", pid,
        uptime(now).map(DaemonStatusLine::uptimeText).orElse("-"), version());
    String word = stateWord();
    return String.format("%-24s %-21s %-4s%s%s%s", name, address.orElse("-"), word, restarts, details,
        containment.isEmpty() ? "" : " containment " + containment).stripTrailing();
  }

  JsonObject json(Instant now) {
    JsonObject o = new JsonObject();
    o.addProperty("name", name);
    o.addProperty("address", address.orElse(null));
    o.addProperty("state", stateWord());
    o.addProperty("healthy", healthy);
    o.addProperty("admin_state", status.map(StatusResponse::getAdminState).orElse(""));
    if (pid() > 0) {
      o.addProperty("pid", pid());
    } else {
      o.add("pid", JsonNull.INSTANCE);
    }
    o.addProperty("started_at", startedAt().map(Instant::toString).orElse(null));
    if (uptime(now).isPresent()) {
      o.addProperty("uptime_seconds", uptime(now).get().toSeconds());
    } else {
      o.add("uptime_seconds", JsonNull.INSTANCE);
    }
    o.addProperty("version", status.map(StatusResponse::getVersion).orElse(null));
    if (state.isPresent()) {
      o.addProperty("restarts_last_hour", state.get().restartsLastHour());
      o.addProperty("restarts_per_hour", state.get().restartsPerHour());
    } else {
      o.add("restarts_last_hour", JsonNull.INSTANCE);
      o.add("restarts_per_hour", JsonNull.INSTANCE);
    }
    o.addProperty("gave_up_at", state.flatMap(DaemonState::gaveUpAt).map(Instant::toString).orElse(null));
    o.addProperty("containment", containment.isEmpty() ? null : containment);
    return o;
  }

  /** {@code hh:mm:ss}, with {@code d+} before it from a day on. */
  static String uptimeText(Duration d) {
    long seconds = d.toSeconds();
    long days = seconds / 86_400;
    String time = String.format("%02d:%02d:%02d", seconds % 86_400 / 3600, seconds % 3600 / 60, seconds % 60);
    return days > 0 ? days + "+" + time : time;
  }
}
