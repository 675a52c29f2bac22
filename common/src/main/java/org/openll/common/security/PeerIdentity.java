package org.openll.common.security;

import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Optional;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

/**
 * Who is at the other end of a mutual-TLS connection, from its certificate's subject: the role
 * ({@code OU}) and the machine or user ({@code CN}). {@code role} is empty when the OU names no role.
 */
public record PeerIdentity(Optional<Role> role, String name, String subject) {
  /** The identity the verified peer certificate of {@code session} states. */
  public static Optional<PeerIdentity> of(SSLSession session) {
    try {
      Certificate[] chain = session.getPeerCertificates();
      if (chain.length == 0 || !(chain[0] instanceof X509Certificate cert)) {
        return Optional.empty();
      }
      return Optional.of(fromSubject(cert.getSubjectX500Principal().getName()));
    } catch (SSLPeerUnverifiedException e) {
      return Optional.empty();
    }
  }

  /** Parses an RFC 2253 subject such as {@code CN=node1,OU=startd,O=openll}. */
  public static PeerIdentity fromSubject(String subject) {
    String unit = "";
    String common = "";
    try {
      for (Rdn rdn : new LdapName(subject).getRdns()) {
        if (rdn.getType().equalsIgnoreCase("OU")) {
          unit = rdn.getValue().toString();
        } else if (rdn.getType().equalsIgnoreCase("CN")) {
          common = rdn.getValue().toString();
        }
      }
    } catch (InvalidNameException e) {
      return new PeerIdentity(Optional.empty(), "", subject);
    }
    return new PeerIdentity(Role.ofUnit(unit), common, subject);
  }
}
