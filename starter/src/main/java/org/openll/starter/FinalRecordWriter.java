package org.openll.starter;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import org.openll.api.v1.StarterEvent;

/**
 * Writes a step's final event, length-delimited, to {@code SPOOL/final.pb}: to a temporary file
 * renamed into place, so a reader sees either no record or the whole one. The page cache outlives
 * a starter or startd that dies, so the record survives them either way. A durable writer also
 * fsyncs the record, the startd's {@code claim.pb} beside it and the folder before it returns, so
 * that the record survives a power loss too ({@code STARTER_SYNC_FINAL_RECORD}); without it, a
 * power loss in the moments before the schedd commits the result reports the step TERMINATED, as
 * it does a step that was running then. The record is readable by the starter's user only (0600):
 * the step folder may be traversable by the step's owner ({@link OwnerSwitch#openSpool}).
 */
final class FinalRecordWriter {
  static final String FILE_NAME = "final.pb";

  private final Path spoolDir;
  private final boolean durable;

  FinalRecordWriter(Path spoolDir, boolean durable) {
    this.spoolDir = spoolDir;
    this.durable = durable;
  }

  Path target() {
    return spoolDir.resolve(FILE_NAME);
  }

  void write(StarterEvent finalEvent) throws IOException {
    if (!Files.isDirectory(spoolDir)) { // createDirectories throws and catches on a folder that exists
      Files.createDirectories(spoolDir);
    }
    Path tmp = spoolDir.resolve(FILE_NAME + ".tmp");
    try (FileChannel channel = FileChannel.open(tmp, java.util.Set.of(StandardOpenOption.CREATE,
        StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE),
        java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
            java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")))) {
      OutputStream out = java.nio.channels.Channels.newOutputStream(channel);
      finalEvent.writeDelimitedTo(out);
      out.flush();
      if (durable) {
        channel.force(true);
      }
    }
    if (durable) {
      syncClaimRecord();
    }
    Files.move(tmp, target(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    if (durable) {
      syncFolder();
    }
  }

  private void syncFolder() {
    try (FileChannel dir = FileChannel.open(spoolDir, StandardOpenOption.READ)) {
      dir.force(true);
    } catch (IOException ignored) {
      // some file systems cannot fsync a folder; the rename is still atomic
    }
  }

  /**
   * The startd renames {@code claim.pb} into place without an fsync (while the step runs, a crash
   * of the machine would end it anyway). A startd restarted after a power loss needs that record
   * to report this one, so it is made durable first; on ext4 the journal commit of the fsync above
   * has usually written it already.
   */
  private void syncClaimRecord() throws IOException {
    Path claim = spoolDir.resolve(LaunchRecord.CLAIM_FILE);
    if (Files.exists(claim)) {
      try (FileChannel channel = FileChannel.open(claim, StandardOpenOption.READ)) {
        channel.force(true);
      }
    }
  }

  /** Reads a record written by {@link #write}; for the startd's recovery and for tests. */
  static StarterEvent read(Path file) throws IOException {
    try (var in = Files.newInputStream(file)) {
      return StarterEvent.parseDelimitedFrom(in);
    }
  }
}
