package org.openll.common.security;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * The one certificate chain and PKCS#8 key of a process, read from PEM files with the JDK alone,
 * as the key manager of its TLS client. Given the files instead, netty parses the key through
 * Bouncy Castle's provider, whose start took ~230 ms of every command that connects over TLS.
 */
final class PemKeyManager extends X509ExtendedKeyManager {
  private static final String ALIAS = "openll";
  private static final String BEGIN = "-----BEGIN PRIVATE KEY-----";
  private static final String END = "-----END PRIVATE KEY-----";

  private final X509Certificate[] chain;
  private final PrivateKey key;

  private PemKeyManager(X509Certificate[] chain, PrivateKey key) {
    this.chain = chain;
    this.key = key;
  }

  /** The chain of {@code certificate} (a PEM file of one or more certificates) and the key of {@code keyFile}. */
  static PemKeyManager read(Path certificate, Path keyFile) throws IOException {
    try (InputStream in = Files.newInputStream(certificate)) {
      X509Certificate[] chain = CertificateFactory.getInstance("X.509").generateCertificates(in).stream()
          .map(X509Certificate.class::cast).toArray(X509Certificate[]::new);
      if (chain.length == 0) {
        throw new IOException(certificate + ": no PEM certificate");
      }
      return new PemKeyManager(chain, readKey(keyFile));
    } catch (GeneralSecurityException e) {
      throw new IOException(certificate + ": " + e.getMessage(), e);
    }
  }

  /** A PEM PKCS#8 key ({@code BEGIN PRIVATE KEY}): EC, as the cluster CA issues them, or RSA. */
  static PrivateKey readKey(Path file) throws IOException {
    String text = Files.readString(file, StandardCharsets.US_ASCII);
    int begin = text.indexOf(BEGIN);
    int end = text.indexOf(END);
    if (begin < 0 || end < begin) {
      throw new IOException(file + ": not a PEM PKCS#8 private key");
    }
    byte[] der;
    try {
      der = Base64.getMimeDecoder().decode(text.substring(begin + BEGIN.length(), end));
    } catch (IllegalArgumentException e) {
      throw new IOException(file + ": not a PEM PKCS#8 private key: " + e.getMessage(), e);
    }
    GeneralSecurityException last = null;
    for (String algorithm : new String[] {"EC", "RSA"}) {
      try {
        return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
      } catch (GeneralSecurityException e) {
        last = e;
      }
    }
    throw new IOException(file + ": neither an EC nor an RSA PKCS#8 key: " + last.getMessage(), last);
  }

  @Override
  public String[] getClientAliases(String keyType, Principal[] issuers) {
    return new String[] {ALIAS};
  }

  @Override
  public String chooseClientAlias(String[] keyTypes, Principal[] issuers, Socket socket) {
    return ALIAS;
  }

  @Override
  public String chooseEngineClientAlias(String[] keyTypes, Principal[] issuers, SSLEngine engine) {
    return ALIAS;
  }

  @Override
  public String[] getServerAliases(String keyType, Principal[] issuers) {
    return new String[] {ALIAS};
  }

  @Override
  public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
    return ALIAS;
  }

  @Override
  public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
    return ALIAS;
  }

  @Override
  public X509Certificate[] getCertificateChain(String alias) {
    return ALIAS.equals(alias) ? chain.clone() : null;
  }

  @Override
  public PrivateKey getPrivateKey(String alias) {
    return ALIAS.equals(alias) ? key : null;
  }
}
