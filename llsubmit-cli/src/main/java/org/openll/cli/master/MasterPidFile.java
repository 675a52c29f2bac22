package org.openll.cli.master;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import org.openll.common.cluster.ClusterHome;
import org.openll.common.cluster.CommandLines;

/** {@code run/master.pid}: the pid of the master while it runs. */
public final class MasterPidFile {
  static final String MASTER_CLASS = "org.openll.cli.master.MasterMain";

  private MasterPidFile() {}

  /** The pid in the file, if the file exists and holds a number. */
  public static Optional<Long> read(ClusterHome home) {
    try {
      return Optional.of(Long.parseLong(Files.readString(home.masterPidFile()).trim()));
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  /**
   * The master the file names, if that process lives and is a master: a pid the system reused for
   * another program does not count.
   */
  public static Optional<ProcessHandle> liveMaster(ClusterHome home) {
    return read(home).flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive).filter(MasterPidFile::isMaster);
  }

  private static boolean isMaster(ProcessHandle process) {
    // when the OS does not tell (another user's process), trust the file
    return CommandLines.of(process.pid()).map(args -> args.contains(MASTER_CLASS)).orElse(true);
  }

  /** Writes {@code pid}, atomically. */
  public static void write(ClusterHome home, long pid) throws IOException {
    Files.createDirectories(home.runDir());
    var tmp = home.runDir().resolve("master.pid.tmp");
    Files.writeString(tmp, pid + "\n");
    Files.move(tmp, home.masterPidFile(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  public static void delete(ClusterHome home) {
    try {
      Files.deleteIfExists(home.masterPidFile());
    } catch (IOException ignored) {
      // llctl checks that the pid is alive, so a stale file does no harm
    }
  }
}
