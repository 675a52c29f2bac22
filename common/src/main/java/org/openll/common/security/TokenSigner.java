package org.openll.common.security;

import com.google.gson.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

/**
 * Signs user tokens with the cluster CA's private key, so only who holds {@code ca.key} (the
 * administrators) can make one and every daemon can check one with {@code ca.crt}. A token is a
 * compact JWS (RFC 7515) with ES256: {@code base64url(header).base64url(payload).base64url(signature)},
 * header {@code {"alg":"ES256","typ":"JWT","kid":KEY_ID}}, payload
 * {@code {"sub":USER,"iss":CLUSTER,"iat":SECONDS,"exp":SECONDS}}; any JWT library reads it.
 */
public final class TokenSigner {
  static final String ALGORITHM = "ES256";
  /** JWS ES256 signatures are the raw 64-byte r||s, not DER. */
  static final String JCA_SIGNATURE = "SHA256withECDSAinP1363Format";
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

  private final X509Certificate caCert;
  private final PrivateKey caKey;

  TokenSigner(X509Certificate caCert, PrivateKey caKey) {
    this.caCert = caCert;
    this.caKey = caKey;
  }

  /** The signer of the CA in {@code ca}. */
  public static TokenSigner of(CertificateAuthority ca) {
    return new TokenSigner(ca.certificate(), ca.privateKey());
  }

  /** A token for {@code user}, valid from {@code now} for {@code lifetime}. */
  public String issue(String user, Instant now, Duration lifetime) {
    if (!TokenVerifier.isUserName(user)) {
      throw new IllegalArgumentException("user " + user + ": use letters, digits, '.', '_' and '-' (at most 64)");
    }
    if (lifetime.isNegative() || lifetime.isZero()) {
      throw new IllegalArgumentException("lifetime " + lifetime + ": must be positive");
    }
    JsonObject header = new JsonObject();
    header.addProperty("alg", ALGORITHM);
    header.addProperty("typ", "JWT");
    header.addProperty("kid", keyId(caCert.getPublicKey()));
    JsonObject payload = new JsonObject();
    payload.addProperty("sub", user);
    payload.addProperty("iss", issuer(caCert));
    payload.addProperty("iat", now.getEpochSecond());
    payload.addProperty("exp", now.plus(lifetime).getEpochSecond());
    String signed = encode(header.toString()) + "." + encode(payload.toString());
    try {
      Signature signature = Signature.getInstance(JCA_SIGNATURE);
      signature.initSign(caKey);
      signature.update(signed.getBytes(StandardCharsets.US_ASCII));
      return signed + "." + B64.encodeToString(signature.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot sign a token with the CA key: " + e.getMessage(), e);
    }
  }

  /** The id of a signing key: the first 16 hex digits of the SHA-256 of its encoded public key. */
  public static String keyId(PublicKey key) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getEncoded());
      return HexFormat.of().formatHex(digest, 0, 8);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The cluster a CA certificate stands for: its subject's CN ({@code openll cluster CA NAME}). */
  static String issuer(X509Certificate caCert) {
    String subject = caCert.getSubjectX500Principal().getName();
    try {
      for (Rdn rdn : new LdapName(subject).getRdns()) {
        if (rdn.getType().equalsIgnoreCase("CN")) {
          return rdn.getValue().toString();
        }
      }
    } catch (InvalidNameException e) {
      // fall through: the whole subject names it
    }
    return subject;
  }

  private static String encode(String json) {
    return B64.encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }
}
