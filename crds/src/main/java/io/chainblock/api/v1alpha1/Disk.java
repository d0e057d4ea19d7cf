package io.chainblock.api.v1alpha1;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/** A named volume of chunks in object storage: the input of source blocks and the output of pipelines. */
@Group(ChainPipeline.GROUP)
@Version(ChainPipeline.VERSION)
@Kind("Disk")
@Singular("disk")
@Plural("disks")
@ShortNames("dsk")
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp",
    type = AdditionalPrinterColumn.Type.DATE)
public class Disk extends CustomResource<DiskSpec, DiskStatus> implements Namespaced {
}
