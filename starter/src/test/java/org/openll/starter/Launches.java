package org.openll.starter;

import com.google.protobuf.ByteString;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;
import org.openll.api.v1.StarterInput;
import org.openll.api.v1.StarterLaunch;
import org.openll.api.v1.StepLaunch;
import org.openll.api.v1.StepSpec;

/** Test fixtures: launches of simple commands in a temporary folder. */
final class Launches {
  private Launches() {}

  static StepSpec.Builder spec(Path dir, String executable, String... args) {
    return StepSpec.newBuilder()
        .setStepName("0")
        .setExecutable(executable)
        .addAllArguments(List.of(args))
        .setInput("/dev/null")
        .setOutput(dir.resolve("out").toString())
        .setError(dir.resolve("err").toString())
        .setInitialdir(dir.toString())
        .setJobClass("No_Class")
        .setCpus(1);
  }

  static StarterLaunch launch(Path dir, StepSpec spec) {
    return launch(dir, spec, ByteString.EMPTY);
  }

  static StarterLaunch launch(Path dir, StepSpec spec, ByteString jobFile) {
    return StarterLaunch.newBuilder()
        .setStep(StepLaunch.newBuilder()
            .setStepId("host.1.0")
            .setJobName("host.1")
            .setOwner("alice")
            .setScheddHost("host")
            .setSpec(spec)
            .setJobFileContent(jobFile))
        .setMachine("node7")
        .setSpoolDir(dir.resolve("spool").toString())
        .setKillGraceMillis(500)
        .build();
  }

  static byte[] delimited(StarterInput... inputs) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (StarterInput input : inputs) {
      input.writeDelimitedTo(out);
    }
    return out.toByteArray();
  }

  /** A writable input: what the test feeds becomes readable; close() is end of input. */
  static final class FeedableInput extends InputStream {
    private final java.util.concurrent.LinkedBlockingQueue<Integer> bytes = new java.util.concurrent.LinkedBlockingQueue<>();

    void feed(byte[] data) {
      for (byte b : data) {
        bytes.add(b & 0xff);
      }
    }

    @Override
    public void close() {
      bytes.add(-1);
    }

    @Override
    public int read() throws IOException {
      try {
        int b = bytes.take();
        if (b < 0) {
          bytes.add(-1);
        }
        return b;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new java.io.InterruptedIOException();
      }
    }
  }

  /** Collects the starter's output; thread-safe. */
  static final class RecordingOutput extends OutputStream {
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();

    @Override
    public synchronized void write(int b) {
      buffer.write(b);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
      buffer.write(b, off, len);
    }

    synchronized List<org.openll.api.v1.StarterEvent> events() throws IOException {
      var in = new java.io.ByteArrayInputStream(buffer.toByteArray());
      List<org.openll.api.v1.StarterEvent> events = new java.util.ArrayList<>();
      org.openll.api.v1.StarterEvent e;
      while ((e = org.openll.api.v1.StarterEvent.parseDelimitedFrom(in)) != null) {
        events.add(e);
      }
      return events;
    }
  }
}
