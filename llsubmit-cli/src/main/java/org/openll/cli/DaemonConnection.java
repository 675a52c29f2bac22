package org.openll.cli;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.AbstractStub;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.openll.common.cluster.ClusterHome;
import org.openll.common.cluster.DaemonAddresses;
import org.openll.common.grpc.Channels;
import org.openll.common.grpc.HostPort;

/**
 * A command's channel to one daemon, found through the address it published in the cluster home:
 * on this machine its command socket ({@link LocalDaemon}) when one answers, else its TCP address
 * (the gRPC Unix socket serves what the command socket does not: health, for {@link ClusterProbe}).
 * {@link #call} turns every gRPC failure into a one-line {@link CommandFailure}; a daemon that is down or unreachable
 * (UNAVAILABLE) reads the same for every command: "cannot reach the schedd at HOST:PORT (ADDRESS
 * FILE): REASON; is the cluster started (llctl status)?" (over a socket: "at unix:SOCKET").
 */
public final class DaemonConnection implements AutoCloseable {
  private final String daemonName;
  private final HostPort address;
  private final String where;
  private final ManagedChannel channel;
  private final CliContext context;

  private DaemonConnection(String daemonName, HostPort address, String where, ManagedChannel channel,
      CliContext context) {
    this.daemonName = daemonName;
    this.address = address;
    this.where = where;
    this.channel = channel;
    this.context = context;
  }

  /** What every "cannot reach" line ends with: where to look next. */
  static final String HINT = "; is the cluster started (llctl status)?";

  /** Opens a channel to {@code daemonName} ("schedd", "negotiator", ...) at its published address. */
  public static DaemonConnection open(CliContext context, String daemonName) throws CommandFailure {
    ClusterHome home = context.home();
    String text = DaemonAddresses.lookup(home, daemonName).orElseThrow(() -> new CommandFailure("UNAVAILABLE",
        "cannot reach the " + daemonName + ": no address in " + home.addressFile(daemonName) + HINT));
    HostPort address;
    try {
      address = HostPort.parse(text);
    } catch (IllegalArgumentException e) {
      throw new CommandFailure("cannot reach the " + daemonName + ": bad address in "
          + home.addressFile(daemonName) + ": " + text);
    }
    Optional<ManagedChannel> command = LocalDaemon.channel(home.commandSocket(daemonName));
    if (command.isPresent()) {
      return new DaemonConnection(daemonName, address, "unix:" + home.commandSocket(daemonName), command.get(),
          context);
    }
    ManagedChannel channel;
    try {
      channel = context.channels().open(address);
    } catch (java.io.UncheckedIOException e) {
      throw new CommandFailure("UNAVAILABLE", "cannot reach the " + daemonName + ": " + e.getCause().getMessage());
    }
    return new DaemonConnection(daemonName, address, address.toString(), channel, context);
  }

  /** The daemon's published TCP address (also when this connection uses its Unix socket). */
  public HostPort address() {
    return address;
  }

  /** Where this connection reaches the daemon: {@code HOST:PORT} or {@code unix:SOCKET}. */
  public String where() {
    return where;
  }

  /**
   * Runs one RPC. {@code rpc} receives the channel and returns the response; the stub it makes
   * must go through {@link #withDeadline}.
   */
  public <T> T call(Function<ManagedChannel, T> rpc) throws CommandFailure {
    try {
      return rpc.apply(channel);
    } catch (StatusRuntimeException e) {
      throw failure(e.getStatus()).withCode(e.getStatus().getCode().name());
    }
  }

  /** {@code stub} with the command's deadline, counted from now. */
  public <S extends AbstractStub<S>> S withDeadline(S stub) {
    return stub.withDeadlineAfter(context.rpcDeadline().toMillis(), TimeUnit.MILLISECONDS);
  }

  private CommandFailure failure(Status status) {
    return switch (status.getCode()) {
      case UNAVAILABLE -> new CommandFailure("cannot reach the " + daemonName + " at " + where + " ("
          + context.home().addressFile(daemonName) + "): " + reason(status) + HINT);
      case DEADLINE_EXCEEDED -> new CommandFailure("the " + daemonName + " at " + where
          + " did not answer within " + context.rpcDeadline().toMillis() / 1000.0 + " s");
      case UNIMPLEMENTED -> new CommandFailure("the " + daemonName + " at " + where
          + " does not implement this request; is it an older openll? (" + status.getDescription() + ")");
      default -> new CommandFailure(status.getDescription() != null
          ? status.getDescription()
          : status.getCode() + " from the " + daemonName + " at " + where);
    };
  }

  /** Why the daemon could not be reached, in lower case ("connection refused"). */
  private static String reason(Status status) {
    String reason = rawReason(status);
    return reason.isEmpty() ? "unavailable" : Character.toLowerCase(reason.charAt(0)) + reason.substring(1);
  }

  private static String rawReason(Status status) {
    if (status.getCause() != null && status.getCause().getMessage() != null) {
      // Netty says "finishConnect(..) failed with error(-111): Connection refused: /127.0.0.1:PORT";
      // keep the reason only, the address is shown already
      String message = status.getCause().getMessage();
      int syscall = message.lastIndexOf("): ");
      if (syscall >= 0) {
        message = message.substring(syscall + 3);
      }
      int colon = message.indexOf(": /");
      return colon > 0 ? message.substring(0, colon) : message;
    }
    return status.getDescription() != null ? status.getDescription() : "unavailable";
  }

  @Override
  public void close() {
    Channels.close(channel);
  }
}
