package io.chainblock.engine.plan;

import java.util.Set;

/** The Disks a pipeline may read: those of the pipeline file for the CLI, the cluster's for the operator. */
public interface DiskCatalog {
  boolean exists(String disk);

  /** How the user makes {@code disk} exist; ends the "Disk 'x' is not defined" message. */
  default String howToDefine(String disk) {
    return "create a Disk named '" + disk + "' in the pipeline's namespace";
  }

  /** The disks a local run knows: Disk documents of the pipeline file and {@code --disk} names. */
  static DiskCatalog forLocalRun(Set<String> disks) {
    Set<String> known = Set.copyOf(disks);
    return new DiskCatalog() {
      @Override
      public boolean exists(String disk) {
        return known.contains(disk);
      }

      @Override
      public String howToDefine(String disk) {
        return "add a Disk document to the file or pass --disk " + disk + "=PATH";
      }
    };
  }
}
