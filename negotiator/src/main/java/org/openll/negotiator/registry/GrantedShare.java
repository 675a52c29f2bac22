package org.openll.negotiator.registry;

import java.util.Objects;
import org.openll.negotiator.match.MachineShare;

/** One machine of a permit: what the step holds there and how to reach that machine's startd. */
public record GrantedShare(MachineShare share, String startdAddress, String claimSecret) {
  public GrantedShare {
    Objects.requireNonNull(share, "share");
  }

  /** The claim secret redacted: a grant may be logged, its secret never. */
  @Override
  public String toString() {
    return "GrantedShare[share=" + share + ", startdAddress=" + startdAddress + ", claimSecret="
        + org.openll.common.grpc.Redaction.secret(claimSecret) + "]";
  }
}
