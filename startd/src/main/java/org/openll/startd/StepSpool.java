package org.openll.startd;

import com.google.protobuf.MessageLite;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.openll.api.v1.StarterEvent;
import org.openll.api.v1.StarterLaunch;
import org.openll.api.v1.StepClaimRecord;
import org.openll.starter.LaunchRecord;

/**
 * One step's folder {@code SPOOL/STEP_ID/}, the only state a startd keeps about a step:
 * {@code claim.pb} (schedd, CPUs, the starter's launch and a pooled starter's pid, written by the
 * startd before the starter hears of the step), {@code starter.pid} ("PID START_MILLIS", for a
 * starter started for this step), {@code final.pb} (the starter's final event) and
 * {@code starter.log}. A folder of an earlier version has the launch in {@code launch.pb}. The
 * folder lives until the schedd acknowledged the final record. Records are written to a temporary
 * file and renamed, so a reader sees a whole record or none; the starter fsyncs its final record
 * only with {@code STARTER_SYNC_FINAL_RECORD}.
 */
record StepSpool(String stepId, Path dir) {
  static final String CLAIM = LaunchRecord.CLAIM_FILE;
  static final String PID = "starter.pid";
  static final String FINAL = "final.pb";
  static final String LOG = "starter.log";

  /** The step folders under {@code root} (other files, such as the socket, are skipped). */
  static List<StepSpool> list(Path root) throws IOException {
    List<StepSpool> steps = new ArrayList<>();
    if (!Files.isDirectory(root)) {
      return steps;
    }
    try (Stream<Path> entries = Files.list(root)) {
      for (Path dir : entries.filter(Files::isDirectory).sorted().toList()) {
        steps.add(new StepSpool(dir.getFileName().toString(), dir));
      }
    }
    return steps;
  }

  /** Replaces whatever folder the step had by an empty one. */
  void createEmpty() throws IOException {
    try {
      Files.createDirectory(dir); // the usual case: one mkdir, no exception thrown and caught
    } catch (FileAlreadyExistsException leftover) {
      delete();
      Files.createDirectories(dir);
    } catch (NoSuchFileException noSpoolYet) {
      Files.createDirectories(dir);
    }
  }

  void writeClaim(StepClaimRecord claim) throws IOException {
    writeAtomically(CLAIM, claim);
  }

  Optional<StepClaimRecord> readClaim() throws IOException {
    return read(CLAIM, StepClaimRecord.parser()::parseDelimitedFrom);
  }

  Optional<StarterLaunch> readLaunch() throws IOException {
    return LaunchRecord.read(dir);
  }

  Optional<StarterEvent> readFinal() throws IOException {
    return read(FINAL, StarterEvent.parser()::parseDelimitedFrom);
  }

  /** {@code starter.pid} for a starter started for this step alone. */
  void writeStarterPid(ProcessHandle starter) throws IOException {
    Path tmp = dir.resolve(PID + ".tmp");
    Files.writeString(tmp, starter.pid() + " " + startMillis(starter) + "\n");
    Files.move(tmp, dir.resolve(PID), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /**
   * The starter recorded in {@code starter.pid}, else the pooled starter in {@code claim.pb}, if
   * that process still lives (same pid and start time).
   */
  Optional<ProcessHandle> liveStarter() {
    try {
      String[] parts = Files.readString(dir.resolve(PID)).trim().split("\\s+");
      return live(Long.parseLong(parts[0]), parts.length > 1 ? Long.parseLong(parts[1]) : 0);
    } catch (NoSuchFileException e) {
      try {
        return readClaim().filter(c -> c.getStarterPid() > 0)
            .flatMap(c -> live(c.getStarterPid(), c.getStarterStartMillis()));
      } catch (IOException | RuntimeException unreadable) {
        return Optional.empty();
      }
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  Path log() {
    return dir.resolve(LOG);
  }

  /** Removes the step's folder and all it holds; nothing when it is gone already. */
  void delete() throws IOException {
    try {
      deleteTree(dir);
    } catch (NoSuchFileException e) {
      // gone already
    }
  }

  // Each file is unlinked through the open folder (unlinkat). A walk stat-ed every file twice and
  // sorted the paths; removing folders is ~5 % of a busy startd's CPU, most of it the kernel's.
  private static void deleteTree(Path folder) throws IOException {
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
      SecureDirectoryStream<Path> open = entries instanceof SecureDirectoryStream<Path> secure ? secure : null;
      for (Path entry : entries) {
        if (open != null && unlinked(open, entry)) {
          continue;
        }
        if (Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
          deleteTree(entry);
        } else {
          Files.deleteIfExists(entry);
        }
      }
    }
    Files.deleteIfExists(folder);
  }

  /** False when {@code entry} is a folder, or could not be unlinked: the caller looks closer. */
  private static boolean unlinked(SecureDirectoryStream<Path> folder, Path entry) {
    try {
      folder.deleteFile(entry.getFileName());
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** The process {@code pid} if it lives and started at {@code startMillis} (0: not checked). */
  static Optional<ProcessHandle> live(long pid, long startMillis) {
    return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).filter(p -> {
      long started = startMillis == 0 ? 0 : startMillis(p); // info() reads several /proc files
      return started == 0 || started == startMillis;
    });
  }

  static long startMillis(ProcessHandle process) {
    return process.info().startInstant().map(Instant::toEpochMilli).orElse(0L);
  }

  private interface Parser<T> {
    T parse(InputStream in) throws IOException;
  }

  private <T> Optional<T> read(String name, Parser<T> parser) throws IOException {
    Path file = dir.resolve(name);
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    try (InputStream in = Files.newInputStream(file)) {
      return Optional.ofNullable(parser.parse(in));
    }
  }

  /**
   * Written and renamed, not fsynced: while the step runs, the record describes processes that live
   * no longer than this machine's kernel. The page cache outlives a startd that crashes or is
   * killed, which is what re-adoption is for; a kernel crash or a power loss ends the step's
   * processes as well, and the schedd then requeues the machine's steps. With
   * {@code STARTER_SYNC_FINAL_RECORD} the starter fsyncs it with its final record
   * (docs/fault-tolerance.md, "The spool").
   */
  private void writeAtomically(String name, MessageLite message) throws IOException {
    Path tmp = dir.resolve(name + ".tmp");
    writeTemporary(tmp, message).close();
    Files.move(tmp, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /** {@code message} written to {@code tmp}, not yet fsynced; the caller closes the channel. */
  private static FileChannel writeTemporary(Path tmp, MessageLite message) throws IOException {
    FileChannel channel = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
        StandardOpenOption.WRITE);
    try {
      OutputStream out = java.nio.channels.Channels.newOutputStream(channel);
      message.writeDelimitedTo(out);
      out.flush();
      return channel;
    } catch (IOException e) {
      channel.close();
      throw e;
    }
  }
}
