package org.openll.common.security;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

/**
 * Checks a token {@link TokenSigner} made against the cluster CA's certificate, which every daemon
 * has: its form, key id, signature, issuer, and that it is within its lifetime. Every refusal is a
 * {@link TokenException} whose one-line message says why, never quoting the token.
 */
public final class TokenVerifier {
  /** Longest token accepted: a real one is about 350 characters. */
  static final int MAX_TOKEN_LENGTH = 4096;
  /** How far a token's issue time may lie in the future (clocks of two machines differ). */
  static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

  private final PublicKey caKey;
  private final String keyId;
  private final String issuer;
  private final Clock clock;

  public TokenVerifier(X509Certificate caCert, Clock clock) {
    this.caKey = caCert.getPublicKey();
    this.keyId = TokenSigner.keyId(caKey);
    this.issuer = TokenSigner.issuer(caCert);
    this.clock = clock;
  }

  /** Why a token is refused. */
  public static final class TokenException extends Exception {
    public TokenException(String message) {
      super(message);
    }
  }

  /** The claims of {@code token} when it is genuine and current. */
  public ClusterToken verify(String token) throws TokenException {
    if (token == null || token.isBlank()) {
      throw new TokenException("empty token");
    }
    if (token.length() > MAX_TOKEN_LENGTH) {
      throw new TokenException("malformed token: longer than " + MAX_TOKEN_LENGTH + " characters");
    }
    String[] parts = token.strip().split("\\.", -1);
    if (parts.length != 3) {
      throw new TokenException("malformed token: not three base64url parts separated by '.'");
    }
    JsonObject header = json(parts[0], "header");
    JsonObject payload = json(parts[1], "payload");
    if (!TokenSigner.ALGORITHM.equals(string(header, "alg", "header"))) {
      throw new TokenException("malformed token: algorithm is not " + TokenSigner.ALGORITHM);
    }
    String kid = string(header, "kid", "header");
    if (!kid.equals(keyId)) {
      throw new TokenException("token signed by another cluster's key (key id " + printable(kid)
          + ", this cluster's is " + keyId + ")");
    }
    if (!signatureHolds(parts)) {
      throw new TokenException("bad signature: the token was altered or forged");
    }
    String iss = string(payload, "iss", "payload");
    if (!iss.equals(issuer)) {
      throw new TokenException("token issued by " + printable(iss) + ", not by " + issuer);
    }
    String user = string(payload, "sub", "payload");
    if (!isUserName(user)) {
      throw new TokenException("malformed token: user " + printable(user) + " is not a user name");
    }
    Instant issuedAt = instant(payload, "iat");
    Instant expiry = instant(payload, "exp");
    Instant now = clock.instant();
    if (!now.isBefore(expiry)) {
      throw new TokenException("token of " + user + " expired at " + expiry);
    }
    if (issuedAt.isAfter(now.plus(CLOCK_SKEW))) {
      throw new TokenException("token of " + user + " issued in the future (" + issuedAt + ")");
    }
    return new ClusterToken(user, iss, issuedAt, expiry, kid);
  }

  /** Whether {@code name} can be a user: letters, digits, '.', '_', '-', at most 64. */
  static boolean isUserName(String name) {
    return name != null && name.matches("[A-Za-z0-9._][A-Za-z0-9._-]{0,63}");
  }

  private boolean signatureHolds(String[] parts) throws TokenException {
    try {
      Signature signature = Signature.getInstance(TokenSigner.JCA_SIGNATURE);
      signature.initVerify(caKey);
      signature.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
      return signature.verify(decode(parts[2], "signature"));
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  private static JsonObject json(String part, String what) throws TokenException {
    try {
      JsonElement element = JsonParser.parseString(new String(decode(part, what), StandardCharsets.UTF_8));
      if (!element.isJsonObject()) {
        throw new TokenException("malformed token: the " + what + " is not a JSON object");
      }
      return element.getAsJsonObject();
    } catch (JsonParseException e) {
      throw new TokenException("malformed token: the " + what + " is not JSON");
    }
  }

  private static byte[] decode(String part, String what) throws TokenException {
    try {
      return Base64.getUrlDecoder().decode(part);
    } catch (IllegalArgumentException e) {
      throw new TokenException("malformed token: the " + what + " is not base64url");
    }
  }

  private static String string(JsonObject object, String field, String what) throws TokenException {
    JsonElement value = object.get(field);
    if (value == null || !value.isJsonPrimitive() || !value.getAsJsonPrimitive().isString()) {
      throw new TokenException("malformed token: the " + what + " has no \"" + field + "\"");
    }
    return value.getAsString();
  }

  private static Instant instant(JsonObject object, String field) throws TokenException {
    try {
      return Instant.ofEpochSecond(number(object, field));
    } catch (java.time.DateTimeException e) {
      throw new TokenException("malformed token: \"" + field + "\" is out of range");
    }
  }

  private static long number(JsonObject object, String field) throws TokenException {
    JsonElement value = object.get(field);
    if (value == null || !value.isJsonPrimitive() || !value.getAsJsonPrimitive().isNumber()) {
      throw new TokenException("malformed token: the payload has no numeric \"" + field + "\"");
    }
    try {
      return value.getAsLong();
    } catch (NumberFormatException e) {
      throw new TokenException("malformed token: \"" + field + "\" is not a whole number");
    }
  }

  /** A claim for a message: printable ASCII, at most 64 characters. */
  private static String printable(String text) {
    String cut = text.length() > 64 ? text.substring(0, 64) + "..." : text;
    return cut.replaceAll("[^\\x20-\\x7e]", "?");
  }
}
