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

/** A DAG of blocks; each block runs as an indexed Job whose pods are its shards. */
@Group(ChainPipeline.GROUP)
@Version(ChainPipeline.VERSION)
@Kind("ChainPipeline")
@Singular("chainpipeline")
@Plural("chainpipelines")
@ShortNames("cp")
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp",
    type = AdditionalPrinterColumn.Type.DATE)
public class ChainPipeline extends CustomResource<ChainPipelineSpec, ChainPipelineStatus> implements Namespaced {
  public static final String GROUP = "chainblock.io";
  public static final String VERSION = "v1alpha1";
}
