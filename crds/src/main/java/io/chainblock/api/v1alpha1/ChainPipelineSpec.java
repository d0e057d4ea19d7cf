package io.chainblock.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import java.util.ArrayList;
import java.util.List;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class ChainPipelineSpec {
  @JsonPropertyDescription("Runtime image the shard pods run. Default: the operator's configured runtime image.")
  public String image;

  @Required
  @JsonPropertyDescription("The blocks of the pipeline. Each block runs as one indexed Job; a block starts when every block it reads from has completed.")
  public List<BlockSpec> blocks = new ArrayList<>();

  @JsonPropertyDescription("Where the terminal blocks (those no other block reads from) write their records.")
  public OutputSpec output;
}
