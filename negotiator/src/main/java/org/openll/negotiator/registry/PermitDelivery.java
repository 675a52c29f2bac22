package org.openll.negotiator.registry;

/** A permit the registry recorded, and the session stream it must be sent on. */
public record PermitDelivery(PermitSink sink, PermitGrant grant) {}
