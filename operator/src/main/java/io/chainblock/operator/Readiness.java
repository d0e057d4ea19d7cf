package io.chainblock.operator;

/** Whether the operator can do its work now, and if not, why: what /readyz answers. */
@FunctionalInterface
interface Readiness {
  /** @return null when ready, else a sentence saying what is not */
  String notReadyReason();
}
