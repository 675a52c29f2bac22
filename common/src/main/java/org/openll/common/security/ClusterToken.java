package org.openll.common.security;

import java.time.Instant;

/**
 * What a verified token states (HTCondor IDTOKENS-like): the user it names, the cluster that issued
 * it, when, until when, and the id of the key that signed it.
 *
 * @param user the user the holder acts as ({@code sub})
 * @param issuer the issuing cluster, the CA's common name ({@code iss})
 * @param issuedAt {@code iat}
 * @param expiry {@code exp}: refused from this instant on
 * @param keyId the signing key's id ({@code kid}): {@link TokenSigner#keyId}
 */
public record ClusterToken(String user, String issuer, Instant issuedAt, Instant expiry, String keyId) {}
