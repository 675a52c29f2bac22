package org.openll.common.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tokens signed with the cluster CA's key: what verifies, and why the rest is refused. */
class TokenTest {
  private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

  @TempDir Path root;
  private CertificateAuthority ca;
  private TokenVerifier verifier;

  @BeforeEach
  void createCa() throws Exception {
    ca = CertificateAuthority.initialise(new SecurityFiles(root.resolve("a")), "alpha", Clock.systemUTC());
    verifier = verifierAt(NOW);
  }

  private TokenVerifier verifierAt(Instant now) {
    return new TokenVerifier(ca.certificate(), Clock.fixed(now, ZoneOffset.UTC));
  }

  private String refusal(String token) {
    return assertThrows(TokenVerifier.TokenException.class, () -> verifier.verify(token)).getMessage();
  }

  @Test
  void issuedToken_verifies_withItsClaims() throws Exception {
    String token = TokenSigner.of(ca).issue("alice", NOW, Duration.ofDays(30));

    ClusterToken claims = verifier.verify(token);
    assertEquals("alice", claims.user());
    assertEquals("openll cluster CA alpha", claims.issuer());
    assertEquals(NOW, claims.issuedAt());
    assertEquals(NOW.plus(Duration.ofDays(30)), claims.expiry());
    assertEquals(TokenSigner.keyId(ca.certificate().getPublicKey()), claims.keyId());
    String header = new String(Base64.getUrlDecoder().decode(token.split("\\.")[0]), StandardCharsets.UTF_8);
    assertTrue(header.contains("\"alg\":\"ES256\""), header);
  }

  @Test
  void expiredToken_refusedWithItsExpiry() {
    String token = TokenSigner.of(ca).issue("alice", NOW.minus(Duration.ofHours(2)), Duration.ofHours(1));
    assertEquals("token of alice expired at 2026-11-25T11:00:00Z", refusal(token));
  }

  @Test
  void tokenAtItsExpiry_refused_secondBefore_accepted() throws Exception {
    String token = TokenSigner.of(ca).issue("alice", NOW, Duration.ofHours(1));
    verifierAt(NOW.plus(Duration.ofHours(1)).minusSeconds(1)).verify(token);
    assertThrows(TokenVerifier.TokenException.class, () -> verifierAt(NOW.plus(Duration.ofHours(1))).verify(token));
  }

  @Test
  void payloadChangedToAnotherUser_badSignature() {
    String[] parts = TokenSigner.of(ca).issue("alice", NOW, Duration.ofDays(1)).split("\\.");
    String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8).replace("alice", "root");
    String forged = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
        .encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
    assertEquals("bad signature: the token was altered or forged", refusal(forged));
  }

  @Test
  void tokenOfAnotherClusterCa_refusedNamingTheKeyIds() throws Exception {
    CertificateAuthority other = CertificateAuthority.initialise(new SecurityFiles(root.resolve("b")), "alpha",
        Clock.systemUTC());
    String message = refusal(TokenSigner.of(other).issue("alice", NOW, Duration.ofDays(1)));
    assertTrue(message.startsWith("token signed by another cluster's key (key id "), message);
  }

  @Test
  void anotherCaKeyClaimingThisKeyId_badSignature() throws Exception {
    CertificateAuthority other = CertificateAuthority.initialise(new SecurityFiles(root.resolve("b")), "alpha",
        Clock.systemUTC());
    TokenSigner impostor = new TokenSigner(ca.certificate(), other.privateKey()); // our kid and iss, their key
    assertEquals("bad signature: the token was altered or forged", refusal(impostor.issue("alice", NOW, Duration.ofDays(1))));
  }

  @Test
  void malformedTokens_refusedWithoutQuotingThem() {
    assertEquals("empty token", refusal(""));
    assertEquals("malformed token: not three base64url parts separated by '.'", refusal("abc.def"));
    assertEquals("malformed token: the header is not base64url", refusal("!!!.e30.e30"));
    assertEquals("malformed token: the header is not JSON", refusal("bm90IGpzb24.e30.e30"));
    assertEquals("malformed token: the header has no \"alg\"", refusal("e30.e30.e30"));
    String tooLong = "a".repeat(TokenVerifier.MAX_TOKEN_LENGTH + 1);
    assertFalse(refusal(tooLong).contains(tooLong));
  }

  @Test
  void tokenIssuedFarInTheFuture_refused() {
    String token = TokenSigner.of(ca).issue("alice", NOW.plus(Duration.ofHours(1)), Duration.ofDays(1));
    assertTrue(refusal(token).contains("issued in the future"));
  }

  @Test
  void issue_badUserOrLifetime_refused() {
    TokenSigner signer = TokenSigner.of(ca);
    assertThrows(IllegalArgumentException.class, () -> signer.issue("al ice", NOW, Duration.ofDays(1)));
    assertThrows(IllegalArgumentException.class, () -> signer.issue("alice", NOW, Duration.ZERO));
  }
}
