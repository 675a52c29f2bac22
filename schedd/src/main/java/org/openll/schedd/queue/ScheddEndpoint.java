package org.openll.schedd.queue;

/** This schedd as others see it. */
public interface ScheddEndpoint {
  /** The schedd host name: the first part of its job and step ids. */
  String name();

  /** host:port of this schedd's gRPC server; blocks until the server listens. */
  String address();
}
