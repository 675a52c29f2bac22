package org.openll.common.security;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The cluster CA of one home ({@link SecurityFiles}): an EC P-256 key and a self-signed certificate,
 * and the certificates it issues. Every key is EC P-256, every signature SHA256withECDSA; a
 * certificate carries its role as OU and its machine (or user) as CN, is good for both TLS server and
 * client authentication, and names in its SAN the machine and the extra names asked for.
 */
public final class CertificateAuthority {
  /**
   * Its logger, started at the first certificate this process issues: a command that only checks
   * its certificate would otherwise start log4j (~0.5 s) for nothing.
   */
  private static final class Log {
    static final Logger LOG = LogManager.getLogger(CertificateAuthority.class);
  }

  static final Duration CA_VALIDITY = Duration.ofDays(3650);
  static final Duration CERT_VALIDITY = Duration.ofDays(825);
  private static final String SIGNATURE = "SHA256withECDSA";

  private final SecurityFiles files;
  private final X509Certificate caCert;
  private final PrivateKey caKey;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  private CertificateAuthority(SecurityFiles files, X509Certificate caCert, PrivateKey caKey, Clock clock) {
    this.files = files;
    this.caCert = caCert;
    this.caKey = caKey;
    this.clock = clock;
  }

  /**
   * The CA of {@code files}, created first when it has none (idempotent: an existing CA is loaded,
   * never replaced). {@code clusterName} goes into the CA's subject.
   */
  public static CertificateAuthority initialise(SecurityFiles files, String clusterName, Clock clock)
      throws IOException {
    if (files.holdCa()) {
      return load(files, clock);
    }
    if (Files.exists(files.caCert())) {
      throw new IOException(files.caCert() + " exists without its key " + files.caKey()
          + ": certificates are issued where the CA key is (docs/security.md)");
    }
    try {
      KeyPair pair = newKeyPair();
      Instant now = clock.instant();
      X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.O, "openll")
          .addRDN(BCStyle.CN, "openll cluster CA " + clusterName).build();
      X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, serial(new SecureRandom()),
          Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(CA_VALIDITY)), subject, pair.getPublic());
      JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
      builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
      builder.addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(pair.getPublic()));
      X509Certificate cert = sign(builder, pair.getPrivate());
      Pem.writeKey(files.caKey(), pair.getPrivate());
      Pem.writeCertificate(files.caCert(), cert);
      Log.LOG.info("created the cluster CA {} in {}", cert.getSubjectX500Principal().getName(), files.caDir());
      return new CertificateAuthority(files, cert, pair.getPrivate(), clock);
    } catch (GeneralSecurityException | OperatorCreationException e) {
      throw new IOException("cannot create the cluster CA: " + e.getMessage(), e);
    }
  }

  /** The existing CA of {@code files}. */
  public static CertificateAuthority load(SecurityFiles files, Clock clock) throws IOException {
    return new CertificateAuthority(files, Pem.readCertificate(files.caCert()), Pem.readKey(files.caKey()), clock);
  }

  public X509Certificate certificate() {
    return caCert;
  }

  /** The CA's private key: signs certificates and user tokens ({@link TokenSigner}). */
  PrivateKey privateKey() {
    return caKey;
  }

  /**
   * Issues a certificate for {@code name} in {@code role} and writes it and its key to
   * {@link SecurityFiles#cert}/{@link SecurityFiles#key}, replacing any there. The SAN holds
   * {@code name} and {@code extraNames} (IP literals become IP entries).
   */
  public X509Certificate issue(Role role, String name, Collection<String> extraNames) throws IOException {
    if (name.isBlank() || !name.matches("[A-Za-z0-9._-]+")) {
      throw new IllegalArgumentException("certificate name " + name + ": use letters, digits, '.', '_' and '-'");
    }
    try {
      KeyPair pair = newKeyPair();
      Instant now = clock.instant();
      X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.O, "openll")
          .addRDN(BCStyle.OU, role.unitName()).addRDN(BCStyle.CN, name).build();
      X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(caCert, serial(random),
          Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(CERT_VALIDITY)), subject, pair.getPublic());
      JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
      builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyAgreement));
      builder.addExtension(Extension.extendedKeyUsage, false,
          new ExtendedKeyUsage(new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}));
      builder.addExtension(Extension.subjectAlternativeName, false, sans(name, extraNames));
      builder.addExtension(Extension.authorityKeyIdentifier, false, utils.createAuthorityKeyIdentifier(caCert));
      builder.addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(pair.getPublic()));
      X509Certificate cert = sign(builder, caKey);
      Pem.writeKey(files.key(role, name), pair.getPrivate());
      Pem.writeCertificate(files.cert(role, name), cert);
      Log.LOG.info("issued {} ({}) in {}", cert.getSubjectX500Principal().getName(), String.join(", ", sanList(name,
          extraNames)), files.certsDir());
      return cert;
    } catch (GeneralSecurityException | OperatorCreationException e) {
      throw new IOException("cannot issue a certificate for " + name + ": " + e.getMessage(), e);
    }
  }

  /**
   * Whether {@code role}'s certificate for {@code name} exists, was signed by this CA and is valid
   * for at least {@code margin} more.
   */
  public boolean holdsValid(Role role, String name, Duration margin) {
    try {
      X509Certificate cert = Pem.readCertificate(files.cert(role, name));
      Pem.readKey(files.key(role, name));
      cert.verify(caCert.getPublicKey());
      cert.checkValidity(Date.from(clock.instant().plus(margin)));
      return true;
    } catch (IOException | GeneralSecurityException e) {
      return false;
    }
  }

  private static List<String> sanList(String name, Collection<String> extraNames) {
    Set<String> names = new LinkedHashSet<>();
    names.add(name);
    names.addAll(extraNames);
    return new ArrayList<>(names);
  }

  private static GeneralNames sans(String name, Collection<String> extraNames) {
    List<GeneralName> entries = new ArrayList<>();
    for (String entry : sanList(name, extraNames)) {
      boolean ip = entry.matches("[0-9.]+") || entry.contains(":");
      entries.add(new GeneralName(ip ? GeneralName.iPAddress : GeneralName.dNSName, entry));
    }
    return new GeneralNames(entries.toArray(GeneralName[]::new));
  }

  private static KeyPair newKeyPair() throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    return generator.generateKeyPair();
  }

  private static BigInteger serial(SecureRandom random) {
    return new BigInteger(127, random).add(BigInteger.ONE);
  }

  private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey key)
      throws OperatorCreationException, GeneralSecurityException {
    return new JcaX509CertificateConverter().getCertificate(builder.build(new JcaContentSignerBuilder(SIGNATURE)
        .build(key)));
  }
}
