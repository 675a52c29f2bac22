package org.openll.negotiator.registry;

/** A lost machine to tell one schedd session of. */
public record LostDelivery(MachineLostSink sink, String scheddName, MachineLost lost) {}
