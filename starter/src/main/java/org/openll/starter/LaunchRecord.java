package org.openll.starter;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.openll.api.v1.StarterLaunch;
import org.openll.api.v1.StepClaimRecord;

/**
 * Where a step's folder keeps the starter's launch: in the startd's {@code claim.pb}
 * ({@code StepClaimRecord.launch}), or in the {@code launch.pb} a startd of an earlier version
 * wrote. Read by the starter to run the step and by the startd to re-adopt it.
 */
public final class LaunchRecord {
  /** The startd's record of the step, with the launch. */
  public static final String CLAIM_FILE = "claim.pb";
  /** Where an earlier startd wrote the launch. */
  public static final String LAUNCH_FILE = "launch.pb";

  private LaunchRecord() {}

  /** The launch in {@code spool}; empty when neither file holds one. */
  public static Optional<StarterLaunch> read(Path spool) throws IOException {
    Path claim = spool.resolve(CLAIM_FILE);
    if (Files.exists(claim)) {
      try (InputStream file = Files.newInputStream(claim)) {
        StepClaimRecord record = StepClaimRecord.parseDelimitedFrom(file);
        if (record != null && record.hasLaunch()) {
          return Optional.of(record.getLaunch());
        }
      }
    }
    Path launch = spool.resolve(LAUNCH_FILE);
    if (!Files.exists(launch)) {
      return Optional.empty();
    }
    try (InputStream file = Files.newInputStream(launch)) {
      return Optional.ofNullable(StarterLaunch.parseDelimitedFrom(file));
    }
  }
}
