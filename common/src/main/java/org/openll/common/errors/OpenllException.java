package org.openll.common.errors;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;

/** A domain error with its code. Services throw it; {@link ErrorMappingInterceptor} turns it into a gRPC status. */
public class OpenllException extends RuntimeException {
  private final ErrorCode code;

  public OpenllException(ErrorCode code, String message) {
    super(message);
    this.code = code;
  }

  public OpenllException(ErrorCode code, String message, Throwable cause) {
    super(message, cause);
    this.code = code;
  }

  public ErrorCode code() {
    return code;
  }

  public static OpenllException notFound(String message) {
    return new OpenllException(ErrorCode.NOT_FOUND, message);
  }

  public static OpenllException invalidArgument(String message) {
    return new OpenllException(ErrorCode.INVALID_ARGUMENT, message);
  }

  public static OpenllException failedPrecondition(String message) {
    return new OpenllException(ErrorCode.FAILED_PRECONDITION, message);
  }

  public static OpenllException permissionDenied(String message) {
    return new OpenllException(ErrorCode.PERMISSION_DENIED, message);
  }

  public static OpenllException unauthenticated(String message) {
    return new OpenllException(ErrorCode.UNAUTHENTICATED, message);
  }

  public static OpenllException resourceExhausted(String message) {
    return new OpenllException(ErrorCode.RESOURCE_EXHAUSTED, message);
  }

  public static OpenllException unavailable(String message, Throwable cause) {
    return new OpenllException(ErrorCode.UNAVAILABLE, message, cause);
  }

  /** This error as the gRPC status a client receives. */
  public StatusRuntimeException toStatus() {
    return Status.fromCode(code.grpcCode()).withDescription(getMessage()).asRuntimeException();
  }
}
