package org.openll.startd;

import io.grpc.ManagedChannel;

/** Opens client channels to other daemons by {@code host:port}; tests open in-process ones by name. */
@FunctionalInterface
public interface ChannelFactory {
  ManagedChannel open(String target);
}
