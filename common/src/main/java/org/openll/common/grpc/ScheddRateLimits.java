package org.openll.common.grpc;

import java.time.Clock;
import java.util.List;
import org.openll.api.v1.ScheddGrpc;
import org.openll.common.config.LoadLConfig;

/**
 * The schedd's per-user rate limits, from LoadL_config:
 *
 * <ul>
 *   <li>{@value #SUBMIT_KEYWORD} (default {@code 5000/s burst 10000}): SubmitJob calls (a job of
 *       many steps is one call);
 *   <li>{@value #QUERY_KEYWORD} (default {@code 1000/s burst 2000}): QuerySteps calls and
 *       WatchSteps streams opened, in one bucket.
 * </ul>
 *
 * {@code 0} is unlimited. The defaults are some 5 times what bench/ and the integration tests reach
 * from one user, so only a runaway client meets them. Read at start; a change takes effect when the
 * schedd restarts.
 */
public final class ScheddRateLimits {
  public static final String SUBMIT_KEYWORD = "SCHEDD_SUBMIT_RATE";
  public static final String QUERY_KEYWORD = "SCHEDD_QUERY_RATE";
  public static final RateLimit DEFAULT_SUBMIT = new RateLimit(5000, 10_000);
  public static final RateLimit DEFAULT_QUERY = new RateLimit(1000, 2000);

  private ScheddRateLimits() {}

  /** The rules {@code config} sets; a bad value is a ConfigException naming the keyword. */
  public static List<RateLimitInterceptor.Rule> rules(LoadLConfig config) {
    RateLimit submit = RateLimit.from(config, SUBMIT_KEYWORD, DEFAULT_SUBMIT);
    RateLimit query = RateLimit.from(config, QUERY_KEYWORD, DEFAULT_QUERY);
    return List.of(
        new RateLimitInterceptor.Rule(ScheddGrpc.getSubmitJobMethod().getFullMethodName(), SUBMIT_KEYWORD,
            "submits", submit),
        new RateLimitInterceptor.Rule(ScheddGrpc.getQueryStepsMethod().getFullMethodName(), QUERY_KEYWORD,
            "queries", query),
        new RateLimitInterceptor.Rule(ScheddGrpc.getWatchStepsMethod().getFullMethodName(), QUERY_KEYWORD,
            "queries", query));
  }

  /**
   * The schedd's interceptor: {@link #rules} per user as {@link Requesters#verifiedOrClaimed} names
   * them; add it with {@link GrpcServerService#addAuthenticatedInterceptor}.
   */
  public static RateLimitInterceptor interceptor(LoadLConfig config, Clock clock) {
    return new RateLimitInterceptor(rules(config), clock, Requesters.verifiedOrClaimed());
  }
}
