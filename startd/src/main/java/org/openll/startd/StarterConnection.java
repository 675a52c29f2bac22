package org.openll.startd;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import org.openll.api.v1.StartdToStarter;
import org.openll.api.v1.StarterToStartd;
import org.openll.starter.ChannelInput;

/**
 * One starter's connection to the startd's Unix-domain socket. Reads happen on the connection's
 * own thread; {@link #send} may be called from any thread and never throws: a failed write
 * closes the connection, and the starter reconnects.
 */
final class StarterConnection implements StarterPool.Link {
  private final SocketChannel channel;
  private final InputStream in;

  StarterConnection(SocketChannel channel) {
    this.channel = channel;
    this.in = new ChannelInput(channel);
  }

  /** The next message, or null at end of stream. */
  StarterToStartd read() throws IOException {
    return StarterToStartd.parseDelimitedFrom(in);
  }

  /** Writes {@code message}; false (and the connection closed) when it could not be written. */
  synchronized boolean send(StartdToStarter message) {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      message.writeDelimitedTo(bytes);
      ByteBuffer buffer = ByteBuffer.wrap(bytes.toByteArray());
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
      return true;
    } catch (IOException e) {
      close();
      return false;
    }
  }

  @Override
  public boolean run(java.nio.file.Path spool) {
    return send(StartdToStarter.newBuilder().setRun(spool.toString()).build());
  }

  @Override
  public void close() {
    try {
      channel.close();
    } catch (IOException ignored) {
      // closing is all we wanted
    }
  }
}
