package io.chainblock.engine.plan;

import io.chainblock.api.v1alpha1.Disk;
import io.chainblock.api.v1alpha1.DiskSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import java.math.BigDecimal;

/** A Disk's settings with their defaults applied. */
public final class Disks {
  public static final long DEFAULT_CHUNK_SIZE = 64L * 1024 * 1024;

  private Disks() {}

  /**
   * The chunk size in bytes: {@code spec.chunkSize} (a Kubernetes quantity such as 64Mi), 64 MiB
   * when absent.
   *
   * @throws IllegalArgumentException when the quantity is not a whole, positive number of bytes
   */
  public static long chunkSizeBytes(Disk disk) {
    Quantity size = disk.getSpec() == null ? null : disk.getSpec().chunkSize;
    if (size == null) {
      return DEFAULT_CHUNK_SIZE;
    }
    BigDecimal bytes;
    try {
      bytes = Quantity.getAmountInBytes(size);
    } catch (IllegalArgumentException | ArithmeticException notAQuantity) {
      throw new IllegalArgumentException("'" + size + "' is not a size: write e.g. 64Mi, 1Gi or 1000000", notAQuantity);
    }
    if (bytes.signum() <= 0 || bytes.stripTrailingZeros().scale() > 0) {
      throw new IllegalArgumentException("'" + size + "' is not a positive whole number of bytes: write e.g. 64Mi");
    }
    return bytes.longValueExact();
  }

  /** {@code spec.format}, text when absent. */
  public static DiskSpec.Format format(Disk disk) {
    DiskSpec.Format format = disk.getSpec() == null ? null : disk.getSpec().format;
    return format == null ? DiskSpec.Format.TEXT : format;
  }
}
