package org.openll.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalDaemonTest {
  @TempDir Path dir;

  @Test
  void noSocketFile_noLocalChannel() {
    assertTrue(LocalDaemon.channel(dir.resolve("schedd.cmd.sock")).isEmpty());
  }

  @Test
  void socketFileOfADaemonGone_noLocalChannel() throws Exception {
    Path socket = dir.resolve("schedd.cmd.sock");
    try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      server.bind(UnixDomainSocketAddress.of(socket));
    }
    assertTrue(Files.exists(socket), "a killed daemon leaves its socket file");
    assertTrue(LocalDaemon.channel(socket).isEmpty());
  }

  @Test
  void listeningSocket_localChannel() throws Exception {
    Path socket = dir.resolve("schedd.cmd.sock");
    try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      server.bind(UnixDomainSocketAddress.of(socket));
      assertTrue(LocalDaemon.channel(socket).isPresent());
    }
  }
}
