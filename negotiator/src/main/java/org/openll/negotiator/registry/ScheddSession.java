package org.openll.negotiator.registry;

/**
 * One schedd's session with the negotiator, as the registry knows it. Obtained from
 * {@link PoolRegistry#openScheddSession}; the registry ignores calls on a session it has closed.
 */
public final class ScheddSession {
  private final long id;
  private final String scheddName;
  private final String address;
  private final PermitSink sink;
  private final MachineNoticeSink lostSink;

  ScheddSession(long id, String scheddName, String address, PermitSink sink, MachineNoticeSink lostSink) {
    this.lostSink = lostSink;
    this.id = id;
    this.scheddName = scheddName;
    this.address = address;
    this.sink = sink;
  }

  public long id() {
    return id;
  }

  public String scheddName() {
    return scheddName;
  }

  public String address() {
    return address;
  }

  PermitSink sink() {
    return sink;
  }

  MachineNoticeSink lostSink() {
    return lostSink;
  }

  @Override
  public String toString() {
    return "schedd " + scheddName + " (session " + id + ")";
  }
}
