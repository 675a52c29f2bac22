package org.openll.starter;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openll.api.v1.Notification;
import org.openll.api.v1.StarterLaunch;
import org.openll.api.v1.StepResult;

/**
 * The step's {@code notification}: at start ({@code start}, {@code always}) and at its end
 * ({@code complete}, the default, and {@code always}; {@code error} only when it failed), a
 * message to {@code notify_user} (the owner by default). With a sendmail program configured it is
 * mailed ({@code sendmail -oi RECIPIENT}); otherwise, or when sendmail fails, it is appended to
 * {@code NOTIFY_DIR/OWNER.log}, whose path the final record carries. Never throws: a notification
 * that cannot be delivered is reported on stderr.
 */
final class Notifier {
  private final StarterLaunch launch;

  Notifier(StarterLaunch launch) {
    this.launch = launch;
  }

  /** Sends the start notification if the step asked for one. */
  void started(long pid) {
    Notification n = launch.getStep().getSpec().getNotification();
    if (n == Notification.NOTIFICATION_START || n == Notification.NOTIFICATION_ALWAYS) {
      deliver("started", "Your LoadLeveler job step " + launch.getStep().getStepId() + " started on "
          + launch.getMachine() + " (pid " + pid + ").\n");
    }
  }

  /** Sends the end notification if the step asked for one; returns the file it went to, if any. */
  Optional<Path> ended(StepResult result) {
    Notification n = launch.getStep().getSpec().getNotification();
    boolean failed = !result.getLaunched() || result.getExitCode() != 0 || result.getSignal() != 0
        || !result.getLimitExceeded().isEmpty();
    boolean wanted = switch (n) {
      case NOTIFICATION_START, NOTIFICATION_NEVER -> false;
      case NOTIFICATION_ERROR -> failed;
      default -> true;
    };
    return wanted ? deliver(failed ? "failed" : "completed", endText(result)) : Optional.empty();
  }

  String endText(StepResult r) {
    String step = launch.getStep().getStepId();
    StringBuilder text = new StringBuilder();
    if (!r.getLaunched()) {
      text.append("Your LoadLeveler job step ").append(step).append(" did not run on ").append(r.getMachine())
          .append(": ").append(r.getMessage()).append(".\n");
    } else if (r.getSignal() != 0) {
      text.append("Your LoadLeveler job step ").append(step).append(" was killed by signal ").append(r.getSignal())
          .append(" on ").append(r.getMachine()).append(".\n");
    } else {
      text.append("Your LoadLeveler job step ").append(step).append(" exited with status ").append(r.getExitCode())
          .append(" on ").append(r.getMachine()).append(".\n");
    }
    if (!r.getLimitExceeded().isEmpty()) {
      text.append("Limit exceeded: ").append(r.getMessage()).append(".\n");
    }
    long wall = r.getEndTime().getSeconds() - r.getStartTime().getSeconds();
    text.append("Wall clock time: ").append(LimitPolicy.hms(Math.max(0, wall))).append('\n')
        .append("User CPU: ").append(LimitPolicy.hms(r.getUserCpuMicros() / 1_000_000))
        .append("  System CPU: ").append(LimitPolicy.hms(r.getSystemCpuMicros() / 1_000_000)).append('\n')
        .append("Peak memory (RSS): ").append(LimitPolicy.size(r.getMaxRssKb() * 1024)).append('\n');
    return text.toString();
  }

  private Optional<Path> deliver(String what, String body) {
    String owner = launch.getStep().getOwner();
    String to = launch.getStep().getSpec().getNotifyUser().isEmpty() ? owner : launch.getStep().getSpec().getNotifyUser();
    String subject = "LoadLeveler job step " + launch.getStep().getStepId() + " " + what;
    if (!launch.getSendmail().isEmpty() && mail(to, subject, body)) {
      return Optional.empty();
    }
    if (launch.getNotifyDir().isEmpty()) {
      return Optional.empty();
    }
    Path file = Path.of(launch.getNotifyDir(), owner + ".log");
    try {
      if (!Files.isDirectory(file.getParent())) {
        Files.createDirectories(file.getParent());
      }
      Files.writeString(file, "To: " + to + "\nSubject: " + subject + "\n\n" + body + "\n",
          StandardOpenOption.CREATE, StandardOpenOption.APPEND);
      return Optional.of(file);
    } catch (IOException e) {
      System.err.println("starter: cannot write notification to " + file + ": " + e.getMessage());
      return Optional.empty();
    }
  }

  private boolean mail(String to, String subject, String body) {
    try {
      Process p = new ProcessBuilder(List.of(launch.getSendmail(), "-oi", to))
          .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(Diagnostics.redirect()).start();
      try (OutputStream in = p.getOutputStream()) {
        in.write(("To: " + to + "\nSubject: " + subject + "\n\n" + body).getBytes(StandardCharsets.UTF_8));
      }
      if (p.waitFor(Duration.ofSeconds(30).toSeconds(), TimeUnit.SECONDS) && p.exitValue() == 0) {
        return true;
      }
      p.destroyForcibly();
      System.err.println("starter: " + launch.getSendmail() + " failed; writing the notification to a file");
    } catch (IOException e) {
      System.err.println("starter: cannot run " + launch.getSendmail() + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return false;
  }
}
