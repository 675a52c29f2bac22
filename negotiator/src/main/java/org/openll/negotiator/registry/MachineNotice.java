package org.openll.negotiator.registry;

/** What the registry tells every schedd session about a machine: it was lost, or it is back. */
public sealed interface MachineNotice permits MachineLost, MachineReturned {
  /** The machine's name. */
  String machine();
}
