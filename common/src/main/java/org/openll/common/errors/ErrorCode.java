package org.openll.common.errors;

import io.grpc.Status;

/** What went wrong, as the one table that maps domain errors to gRPC status codes. */
public enum ErrorCode {
  /** An unknown job, step or machine. */
  NOT_FOUND(Status.Code.NOT_FOUND),
  /** A bad job command file, request field or flag. */
  INVALID_ARGUMENT(Status.Code.INVALID_ARGUMENT),
  /** A transition the state table forbids, or a step in the wrong state for the request. */
  FAILED_PRECONDITION(Status.Code.FAILED_PRECONDITION),
  /** Not the owner, not an administrator, or a wrong claim secret. */
  PERMISSION_DENIED(Status.Code.PERMISSION_DENIED),
  /** The call carries no verified identity (its server authenticates nobody). */
  UNAUTHENTICATED(Status.Code.UNAUTHENTICATED),
  /** Over a limit: no free CPUs, too many jobs. */
  RESOURCE_EXHAUSTED(Status.Code.RESOURCE_EXHAUSTED),
  /** The thing to create exists already. */
  ALREADY_EXISTS(Status.Code.ALREADY_EXISTS),
  /** A daemon this one needs cannot be reached, or the store failed. */
  UNAVAILABLE(Status.Code.UNAVAILABLE),
  /** A bug. */
  INTERNAL(Status.Code.INTERNAL);

  private final Status.Code grpcCode;

  ErrorCode(Status.Code grpcCode) {
    this.grpcCode = grpcCode;
  }

  public Status.Code grpcCode() {
    return grpcCode;
  }
}
