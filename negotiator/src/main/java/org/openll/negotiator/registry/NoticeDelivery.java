package org.openll.negotiator.registry;

/** A machine notice to send to one schedd session. */
public record NoticeDelivery(MachineNoticeSink sink, String scheddName, MachineNotice notice) {}
