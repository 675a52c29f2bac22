package org.openll.starter;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;

/**
 * A buffered input stream over a blocking channel. Unlike {@code Channels.newInputStream} it takes
 * no lock that a concurrent {@code write} on the same socket channel would wait for.
 */
public final class ChannelInput extends InputStream {
  private final ReadableByteChannel channel;
  private final ByteBuffer buffer = ByteBuffer.allocate(8192).flip();

  public ChannelInput(ReadableByteChannel channel) {
    this.channel = channel;
  }

  @Override
  public int read() throws IOException {
    return fill() ? buffer.get() & 0xff : -1;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    if (!fill()) {
      return -1;
    }
    int n = Math.min(len, buffer.remaining());
    buffer.get(b, off, n);
    return n;
  }

  private boolean fill() throws IOException {
    while (!buffer.hasRemaining()) {
      buffer.clear();
      int n = channel.read(buffer);
      buffer.flip();
      if (n < 0) {
        return false;
      }
    }
    return true;
  }
}
