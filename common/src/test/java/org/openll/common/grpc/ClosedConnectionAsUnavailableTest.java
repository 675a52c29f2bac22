package org.openll.common.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.Status;
import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import org.junit.jupiter.api.Test;

class ClosedConnectionAsUnavailableTest {
  @Test
  void mapped_unknownFromAClosedConnection_isUnavailableNamingTheDaemon() {
    Status closed = Status.UNKNOWN.withDescription("channel closed")
        .withCause(new ClosedChannelException());
    Status mapped = ClosedConnectionAsUnavailable.mapped(closed, "127.0.0.1:9605");
    assertEquals(Status.Code.UNAVAILABLE, mapped.getCode());
    assertTrue(mapped.getDescription().contains("127.0.0.1:9605"), mapped.getDescription());
  }

  @Test
  void mapped_closedChannelDeeperInTheCauses_isUnavailable() {
    Status closed = Status.UNKNOWN.withCause(new IOException("write failed", new ClosedChannelException()));
    assertEquals(Status.Code.UNAVAILABLE, ClosedConnectionAsUnavailable.mapped(closed, "h:1").getCode());
  }

  @Test
  void mapped_otherStatuses_unchanged() {
    Status daemonFailure = Status.UNKNOWN.withDescription("handler threw").withCause(new IllegalStateException());
    assertSame(daemonFailure, ClosedConnectionAsUnavailable.mapped(daemonFailure, "h:1"));
    Status denied = Status.PERMISSION_DENIED.withCause(new ClosedChannelException());
    assertSame(denied, ClosedConnectionAsUnavailable.mapped(denied, "h:1"));
  }
}
