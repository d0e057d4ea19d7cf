package io.chainblock.operator;

/** Where a Disk's import Job is: absent, running, or finished, with the error of a failed one. */
record ImportJobState(Phase phase, String name, String error) {
  enum Phase { ABSENT, RUNNING, SUCCEEDED, FAILED }

  static ImportJobState absent(String name) {
    return new ImportJobState(Phase.ABSENT, name, null);
  }
}
