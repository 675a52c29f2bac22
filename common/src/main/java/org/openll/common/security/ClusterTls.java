package org.openll.common.security;

import io.grpc.ChannelCredentials;
import io.grpc.CompositeChannelCredentials;
import io.grpc.InsecureChannelCredentials;
import io.grpc.InsecureServerCredentials;
import io.grpc.ServerCredentials;
import io.grpc.TlsChannelCredentials;
import io.grpc.TlsServerCredentials;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;
import com.google.common.base.Suppliers;
import org.openll.common.cluster.ClusterHome;
import org.openll.common.config.LoadLConfig;

/**
 * The one place a process gets its gRPC credentials: mutual TLS with its certificate from the
 * cluster CA ({@link SecurityFiles}), trusting that CA only; or plaintext when LoadL_config sets the
 * development switch {@code OPENLL_INSECURE = true}. Servers built from it ask for a client
 * certificate (or a token, {@link PeerAuthorizer}); channels present this process's certificate and check the server's name against its
 * SAN.
 */
public final class ClusterTls {
  /** LoadL_config's development switch: {@code true} turns TLS off everywhere. */
  public static final String INSECURE_KEYWORD = "OPENLL_INSECURE";
  private static final Duration RENEW_MARGIN = Duration.ofDays(1);

  /** Resolves the material; may fail with an IOException. */
  @FunctionalInterface
  private interface Resolver {
    Optional<Material> resolve() throws IOException;
  }

  private final Supplier<Optional<Material>> material;

  /** The CA's certificate and this process's certificate and key. */
  public record Material(Path caCert, Path cert, Path key) {}

  private ClusterTls(Resolver resolver) {
    this.material = Suppliers.memoize(() -> {
      try {
        return resolver.resolve();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }

  public static ClusterTls insecure() {
    return new ClusterTls(Optional::empty);
  }

  public static ClusterTls of(Material material) {
    return new ClusterTls(() -> Optional.of(material));
  }

  /**
   * {@link #forDaemon}, resolved at first use (the server's start, the first channel), so wiring a
   * daemon never fails; a missing certificate then fails that start with the same message.
   */
  public static ClusterTls lazyForDaemon(ClusterHome home, Role role, String name) {
    return new ClusterTls(() -> forDaemon(home, role, name).material.get());
  }

  /** Whether {@code config} turns TLS off. */
  public static boolean insecure(LoadLConfig config) {
    return config.getString(INSECURE_KEYWORD, "false").equalsIgnoreCase("true");
  }

  /**
   * The credentials of daemon {@code role} named {@code name} (its machine; for the negotiator and
   * the schedd, whose names need not be known, the one {@code ROLE-*} certificate of the home is
   * taken when {@code ROLE-name} is absent). A missing certificate is issued here when this home
   * holds the CA key.
   *
   * @throws IOException when TLS is on and the certificate cannot be found or issued
   */
  public static ClusterTls forDaemon(ClusterHome home, Role role, String name) throws IOException {
    LoadLConfig config = LoadLConfig.load(home.configFile());
    if (insecure(config)) {
      return insecure();
    }
    SecurityFiles files = SecurityFiles.of(home);
    if (!Files.exists(files.cert(role, name)) && role != Role.STARTD) {
      List<String> names = candidates(files, role);
      if (names.size() == 1) {
        return of(new Material(files.caCert(), files.cert(role, names.get(0)), files.key(role, names.get(0))));
      }
    }
    return ensured(files, role, name);
  }

  /** The credentials of a command run by {@code user}: its {@code client-USER} certificate. */
  public static ClusterTls forClient(ClusterHome home, String user) throws IOException {
    if (insecure(LoadLConfig.load(home.configFile()))) {
      return insecure();
    }
    return ensured(SecurityFiles.of(home), Role.CLIENT, user);
  }

  /**
   * The credentials of {@code role}'s certificate for {@code name} in {@code home}, creating the
   * cluster CA and the certificate when absent (loopback names in the SAN): what a personal cluster
   * does at start, for tests and in-process clients. Plaintext when the home's configuration says so.
   */
  public static ClusterTls selfIssued(ClusterHome home, Role role, String name) {
    try {
      if (!insecure(LoadLConfig.load(home.configFile()))) {
        CertificateAuthority.initialise(SecurityFiles.of(home), home.root().getFileName().toString(), Clock.systemUTC());
      }
      return role == Role.CLIENT ? forClient(home, name) : forDaemon(home, role, name);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@link #forClient} for the user this JVM runs as, unchecked for tests and clients. */
  public static ClusterTls forCurrentUser(ClusterHome home) {
    try {
      return forClient(home, System.getProperty("user.name"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static ClusterTls ensured(SecurityFiles files, Role role, String name) throws IOException {
    if (files.holdCa()) {
      CertificateAuthority ca = CertificateAuthority.load(files, Clock.systemUTC());
      if (!ca.holdsValid(role, name, RENEW_MARGIN)) {
        ca.issue(role, name, List.of("localhost", "127.0.0.1"));
      }
    }
    Material material = new Material(files.caCert(), files.cert(role, name), files.key(role, name));
    for (Path file : List.of(material.caCert(), material.cert(), material.key())) {
      if (!Files.isReadable(file)) {
        throw new IOException("TLS is on and " + file + " is missing or unreadable: issue it with 'llctl cert issue --machine "
            + name + " --role " + role.unitName() + "' where the cluster CA is, and copy it here (docs/security.md),"
            + " or set " + INSECURE_KEYWORD + " = true in LoadL_config for development");
      }
    }
    return of(material);
  }

  private static List<String> candidates(SecurityFiles files, Role role) throws IOException {
    if (!Files.isDirectory(files.certsDir())) {
      return List.of();
    }
    String prefix = role.unitName() + "-";
    try (Stream<Path> listing = Files.list(files.certsDir())) {
      return listing.map(p -> p.getFileName().toString())
          .filter(f -> f.startsWith(prefix) && f.endsWith(".crt"))
          .map(f -> f.substring(prefix.length(), f.length() - ".crt".length())).sorted().toList();
    }
  }

  /**
   * Whether TLS is on.
   *
   * @throws UncheckedIOException when TLS is on and this process's certificate cannot be had
   */
  public boolean secure() {
    return material.get().isPresent();
  }

  public Optional<Material> material() {
    return material.get();
  }

  /**
   * The credentials of a command that presents {@code token} instead of a client certificate: TLS
   * trusting the cluster CA of {@code home} only, the token sent with every call ({@link BearerToken}).
   *
   * @throws IOException when the CA certificate is not readable
   */
  public static ChannelCredentials tokenCredentials(ClusterHome home, String token) throws IOException {
    Path caCert = SecurityFiles.of(home).caCert();
    if (!Files.isReadable(caCert)) {
      throw new IOException("TLS is on and " + caCert + " is missing or unreadable: copy the cluster CA's"
          + " certificate there (docs/security.md)");
    }
    return CompositeChannelCredentials.create(TlsChannelCredentials.newBuilder().trustManager(caCert.toFile()).build(),
        new BearerToken(token));
  }

  /** The verifier of user tokens signed by this process's cluster CA; empty when TLS is off. */
  public Optional<TokenVerifier> tokenVerifier(Clock clock) {
    if (material.get().isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(new TokenVerifier(Pem.readCertificate(material.get().get().caCert()), clock));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the cluster CA certificate", e);
    }
  }

  /**
   * Server credentials: TLS asking for a client certificate from the cluster CA, or plaintext. The
   * certificate is optional at the handshake so that a client with a token may connect; a
   * certificate of another CA still fails it, and {@link PeerAuthorizer} refuses a call that has
   * neither.
   */
  public ServerCredentials serverCredentials() {
    if (material.get().isEmpty()) {
      return InsecureServerCredentials.create();
    }
    Material m = material.get().get();
    try {
      return TlsServerCredentials.newBuilder().keyManager(m.cert().toFile(), m.key().toFile())
          .trustManager(m.caCert().toFile()).clientAuth(TlsServerCredentials.ClientAuth.OPTIONAL).build();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the TLS files " + m, e);
    }
  }

  /** Channel credentials: TLS presenting this process's certificate, trusting the cluster CA only; or plaintext. */
  public ChannelCredentials channelCredentials() {
    if (material.get().isEmpty()) {
      return InsecureChannelCredentials.create();
    }
    Material m = material.get().get();
    try {
      return TlsChannelCredentials.newBuilder().keyManager(PemKeyManager.read(m.cert(), m.key()))
          .trustManager(m.caCert().toFile()).build();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the TLS files " + m, e);
    }
  }
}
