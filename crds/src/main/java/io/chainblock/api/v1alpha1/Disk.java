package io.chainblock.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * A named volume of chunks in object storage: the input of source blocks and the output of
 * pipelines. Printer columns are listed in display order, as on {@link ChainPipeline}.
 */
@Group(ChainPipeline.GROUP)
@Version(ChainPipeline.VERSION)
@Kind("Disk")
@Singular("disk")
@Plural("disks")
@ShortNames("dsk")
@AdditionalPrinterColumn(name = "Phase", jsonPath = ".status.phase",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Chunks", jsonPath = ".status.chunks",
    type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "Bytes", jsonPath = ".status.bytes",
    type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp",
    type = AdditionalPrinterColumn.Type.DATE)
public class Disk extends CustomResource<DiskSpec, DiskStatus> implements Namespaced {

  // Overridden only to describe spec and status for `kubectl explain`.
  @Override
  @JsonPropertyDescription("Where the chunks live, how large they are and how the disk is filled.")
  public DiskSpec getSpec() {
    return super.getSpec();
  }

  @Override
  @JsonPropertyDescription("Whether the disk is ready, and its size from the disk manifest.")
  public DiskStatus getStatus() {
    return super.getStatus();
  }
}
