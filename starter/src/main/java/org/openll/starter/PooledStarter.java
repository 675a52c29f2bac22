package org.openll.starter;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.function.Function;
import org.openll.api.v1.StartdToStarter;
import org.openll.api.v1.StarterHello;
import org.openll.api.v1.StarterToStartd;

/**
 * A pre-started starter ({@code StarterMain --pool SOCKET [--as-owner]}, docs/starter.md, "Pool of
 * pre-started starters"): the startd starts it ahead of any step, so that a step's start costs a
 * message instead of a JVM. It connects to the startd's socket, says {@code StarterHello{pooled}}
 * and waits on that connection. Each {@code StartdToStarter.run} names a step's spool folder; the
 * step then runs exactly as under a starter started for it ({@link StarterMain#runDetached}: the
 * same pipeline, its own link, its own {@code starter.log}, which also receives this JVM's
 * {@code System.err} and its helper processes' standard error while the step runs: {@link Diagnostics};
 * it is created when the first diagnostic comes, so a step that goes well leaves none).
 * One step at a time.
 *
 * <p>After a step whose events the startd all acknowledged it says hello again on the pool
 * connection; after one that was not acknowledged, or when the pool connection ends (the startd
 * retired it, stopped or died), it exits: an idle pooled starter never outlives its startd, and a
 * busy one finishes its step first, as any starter does.
 */
final class PooledStarter {
  static final String POOL = "--pool";

  /** Runs one step's spool folder to its end; returns whether the startd acknowledged every event. */
  interface StepRunner {
    boolean run(Path spool);
  }

  private PooledStarter() {}

  /** Serves steps from the startd at {@code socket} until the pool connection ends; the process's exit code. */
  static int run(Path socket, boolean asOwner, PrintStream poolLog) {
    return serve(socket, spool -> runStep(spool, asOwner, poolLog), poolLog);
  }

  /** The pool loop, with {@code steps} running each step (tests run it in process). */
  static int serve(Path socket, StepRunner steps, PrintStream poolLog) {
    ProcessHandle self = ProcessHandle.current();
    StarterToStartd ready = StarterToStartd.newBuilder().setHello(StarterHello.newBuilder().setPooled(true)
        .setStarterPid(self.pid()).setStarterStartMillis(StarterPidFile.selfStartMillis())).build();
    try (SocketChannel pool = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      pool.connect(UnixDomainSocketAddress.of(socket));
      SocketLink.write(pool, ready);
      InputStream in = new ChannelInput(pool);
      StartdToStarter message;
      while ((message = StartdToStarter.parseDelimitedFrom(in)) != null) {
        if (message.getRun().isEmpty()) {
          continue;
        }
        if (!steps.run(Path.of(message.getRun()))) {
          return 0; // the startd settles this step from its final.pb once this process is gone
        }
        SocketLink.write(pool, ready);
      }
      return 0;
    } catch (IOException e) {
      poolLog.println("starter: pool connection to " + socket + " ended: " + e.getMessage());
      return 0;
    }
  }

  /** One step, with this JVM's diagnostics in the step's own {@code starter.log} while it runs. */
  private static boolean runStep(Path spool, boolean asOwner, PrintStream poolLog) {
    long ownCpu = ChildCpuTimes.ownMicros();
    return withLog(spool.resolve("starter.log"), poolLog,
        log -> StarterMain.runDetached(spool, asOwner, log, ownCpu, false).delivered());
  }

  private static boolean withLog(Path file, PrintStream poolLog, Function<PrintStream, Boolean> body) {
    PrintStream log = new PrintStream(new StepLog(file, poolLog), true);
    System.setErr(log);
    Diagnostics.appendTo(file.toFile());
    try {
      return body.apply(log);
    } finally {
      Diagnostics.inherit();
      System.setErr(poolLog);
      log.close();
    }
  }

  /**
   * A step's {@code starter.log}, created when its first byte is written: the starter of a step that
   * goes well has nothing to say, and a file created and deleted per step costs an inode. When the
   * file cannot be opened the bytes go to the pool's log, after a line that says so.
   */
  private static final class StepLog extends OutputStream {
    private final Path file;
    private final PrintStream poolLog;
    private OutputStream out;

    StepLog(Path file, PrintStream poolLog) {
      this.file = file;
      this.poolLog = poolLog;
    }

    private OutputStream out() {
      if (out == null) {
        try {
          // 0600 as OwnerSwitch.openSpool leaves it: the step's folder lets its owner in
          out = Channels.newOutputStream(FileChannel.open(file,
              EnumSet.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND),
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))));
        } catch (IOException e) {
          poolLog.println("starter: cannot open " + file + ": " + e.getMessage());
          out = poolLog;
        }
      }
      return out;
    }

    @Override
    public void write(int b) throws IOException {
      out().write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out().write(b, off, len);
    }

    @Override
    public void flush() throws IOException {
      if (out != null) {
        out.flush();
      }
    }

    @Override
    public void close() throws IOException {
      if (out != null && out != poolLog) {
        out.close();
      }
    }
  }
}
