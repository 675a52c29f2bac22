package org.openll.common.grpc;

import io.grpc.MethodDescriptor;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Tests that send a daemon bytes of their choosing: a method whose requests and responses are raw bytes. */
public final class RawBytes {
  private static final MethodDescriptor.Marshaller<byte[]> MARSHALLER = new MethodDescriptor.Marshaller<>() {
    @Override
    public InputStream stream(byte[] value) {
      return new ByteArrayInputStream(value);
    }

    @Override
    public byte[] parse(InputStream stream) {
      try {
        return stream.readAllBytes();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  };

  private RawBytes() {}

  /** {@code method} with its messages left as bytes, bypassing the generated marshallers. */
  public static MethodDescriptor<byte[], byte[]> of(MethodDescriptor<?, ?> method) {
    return method.toBuilder(MARSHALLER, MARSHALLER).build();
  }
}
