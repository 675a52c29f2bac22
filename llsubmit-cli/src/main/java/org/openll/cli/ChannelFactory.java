package org.openll.cli;

import io.grpc.ManagedChannel;
import org.openll.common.grpc.Channels;
import org.openll.common.grpc.HostPort;

/** Opens the channel to a daemon's published address; tests substitute in-process channels. */
@FunctionalInterface
public interface ChannelFactory {
  ManagedChannel open(HostPort address);

  /** Plaintext Netty channels on loopback ({@link Channels#open}). */
  static ChannelFactory netty() {
    return Channels::open;
  }
}
