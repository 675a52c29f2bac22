package org.openll.starter;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.function.Consumer;
import org.openll.api.v1.StarterEvent;
import org.openll.api.v1.StarterInput;

/**
 * The link of a starter run by hand, by tests and by bench/starter_cost.py: {@link StarterEvent}s
 * on an output stream, {@link StarterInput} cancels on an input stream. Nothing is resent: a
 * broken pipe drops later events (the final record still reaches the spool).
 */
final class PipeLink implements StartdLink {
  private final InputStream in;
  private final EventChannel events;
  private final PrintStream err;

  PipeLink(InputStream in, OutputStream out, PrintStream err) {
    this.in = in;
    this.events = new EventChannel(out, err);
    this.err = err;
  }

  @Override
  public void send(StarterEvent event) {
    events.send(event);
  }

  @Override
  public void onCancel(Consumer<String> onCancel) {
    Thread reader = new Thread(() -> {
      try {
        StarterInput input;
        while ((input = StarterInput.parseDelimitedFrom(in)) != null) {
          if (input.hasCancel()) {
            onCancel.accept(input.getCancel().getReason());
          }
        }
        err.println("starter: end of input; the step keeps running");
      } catch (IOException e) {
        err.println("starter: input closed: " + e.getMessage());
      }
    }, "starter-input");
    reader.setDaemon(true);
    reader.start();
  }

  @Override
  public boolean close(Duration linger) {
    return true; // nobody acknowledges on a pipe
  }
}
