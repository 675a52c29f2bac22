package org.openll.common.grpc;

import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import java.util.stream.Collectors;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Refuses a user's calls of a limited method beyond its {@link RateLimit}, with
 * {@code RESOURCE_EXHAUSTED "user U: more than N submits per second (SCHEDD_SUBMIT_RATE)"}, before
 * any handler runs. One token bucket per (keyword, user); users come from the injected resolver
 * ({@link Requesters#verifiedOrClaimed}). Methods without a rule, and unlimited rules, pass untouched.
 *
 * <p>Memory is bounded: at most {@link #MAX_TRACKED_USERS} buckets are kept; beyond that, buckets
 * that are full again (their user went quiet) are dropped, and if none is, new users share one
 * overflow bucket per rule, so a client inventing names cannot grow the map. The first refusal of
 * a spell is logged, not every one, so a flood cannot flood the log. Thread-safe.
 */
public final class RateLimitInterceptor implements ServerInterceptor {
  private static final Logger LOG = LogManager.getLogger(RateLimitInterceptor.class);

  /** Buckets kept before idle ones are dropped and new users share the overflow bucket. */
  static final int MAX_TRACKED_USERS = 10_000;

  static final String OVERFLOW_USER = "(users beyond the tracked limit)";

  /**
   * A limit on one method.
   *
   * @param fullMethodName e.g. {@code openll.v1.Schedd/SubmitJob}
   * @param keyword the LoadL_config keyword the limit comes from, named in refusals
   * @param calls the calls in refusals' words, plural: {@code submits}, {@code queries}
   */
  public record Rule(String fullMethodName, String keyword, String calls, RateLimit limit) {}

  /** Rules of one keyword share a user's bucket: a watch opened and a query made are both queries. */
  private record Key(String keyword, String user) {}

  private static final class Entry {
    final TokenBucket bucket;
    volatile boolean refusing;

    Entry(TokenBucket bucket) {
      this.bucket = bucket;
    }
  }

  private final Map<String, Rule> rules;
  private final Clock clock;
  private final BiFunction<ServerCall<?, ?>, Metadata, String> requesters;
  private final int maxTracked;
  private final ConcurrentHashMap<Key, Entry> buckets = new ConcurrentHashMap<>();

  public RateLimitInterceptor(List<Rule> rules, Clock clock, BiFunction<ServerCall<?, ?>, Metadata, String> requesters) {
    this(rules, clock, requesters, MAX_TRACKED_USERS);
  }

  RateLimitInterceptor(List<Rule> rules, Clock clock, BiFunction<ServerCall<?, ?>, Metadata, String> requesters,
      int maxTracked) {
    this.rules = rules.stream().filter(r -> !r.limit().isUnlimited())
        .collect(Collectors.toUnmodifiableMap(Rule::fullMethodName, r -> r));
    this.clock = clock;
    this.requesters = requesters;
    this.maxTracked = maxTracked;
  }

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
      ServerCallHandler<Q, R> next) {
    Rule rule = rules.get(call.getMethodDescriptor().getFullMethodName());
    if (rule == null) {
      return next.startCall(call, headers);
    }
    String user = requesters.apply(call, headers);
    Entry entry = entry(rule, user);
    if (entry.bucket.tryTake()) {
      entry.refusing = false;
      return next.startCall(call, headers);
    }
    String message = "user " + user + ": more than " + rule.limit().perSecond() + " " + rule.calls()
        + " per second (" + rule.keyword() + ")";
    if (!entry.refusing) {
      entry.refusing = true;
      LOG.warn("{}; refusing until the rate drops ({} = {})", message, rule.keyword(), rule.limit());
    }
    call.close(Status.RESOURCE_EXHAUSTED.withDescription(message), new Metadata());
    return new ServerCall.Listener<>() {};
  }

  /** Buckets currently kept (for tests). */
  int trackedBuckets() {
    return buckets.size();
  }

  private Entry entry(Rule rule, String user) {
    Key key = new Key(rule.keyword(), user);
    Entry entry = buckets.get(key);
    if (entry != null) {
      return entry;
    }
    if (buckets.size() >= maxTracked) {
      buckets.entrySet().removeIf(e -> !e.getKey().user().equals(OVERFLOW_USER) && e.getValue().bucket.isFull());
      if (buckets.size() >= maxTracked) {
        key = new Key(rule.keyword(), OVERFLOW_USER);
      }
    }
    return buckets.computeIfAbsent(key, k -> new Entry(new TokenBucket(rule.limit(), clock)));
  }
}
