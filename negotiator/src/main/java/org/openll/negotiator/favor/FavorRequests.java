package org.openll.negotiator.favor;

import java.io.IOException;
import java.util.Collection;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.openll.common.errors.OpenllException;
import org.openll.negotiator.policy.PolicyInputs;

/** llfavorjob / llfavoruser: only an administrator ({@code LOADL_ADMIN}) may change the favored lists. */
public final class FavorRequests {
  private static final Logger LOG = LogManager.getLogger(FavorRequests.class);

  private final FavorList list;
  private final PolicyInputs inputs;

  public FavorRequests(FavorList list, PolicyInputs inputs) {
    this.list = list;
    this.inputs = inputs;
  }

  /**
   * @throws OpenllException INVALID_ARGUMENT without a requester or with a blank id or user,
   *     PERMISSION_DENIED when the requester is not in LOADL_ADMIN, UNAVAILABLE when the list cannot be saved
   */
  public FavorList.Favored favor(String requester, Collection<String> stepIds, Collection<String> users,
      boolean unfavor) {
    if (requester == null || requester.isBlank()) {
      throw OpenllException.invalidArgument("FavorStepsRequest.requester is required");
    }
    if (stepIds.stream().anyMatch(String::isBlank) || users.stream().anyMatch(String::isBlank)) {
      throw OpenllException.invalidArgument("FavorStepsRequest: step ids and users must not be blank");
    }
    if (!inputs.config().isAdministrator(requester)) {
      throw OpenllException.permissionDenied(
          "user " + requester + " is not a LoadLeveler administrator (LOADL_ADMIN) and may not favor steps");
    }
    try {
      FavorList.Favored favored = list.change(stepIds, users, unfavor);
      LOG.info("{} by {}: steps {} users {}", unfavor ? "unfavor" : "favor", requester, stepIds, users);
      return favored;
    } catch (IOException e) {
      throw OpenllException.unavailable("favored steps not saved: " + e.getMessage(), e);
    }
  }
}
