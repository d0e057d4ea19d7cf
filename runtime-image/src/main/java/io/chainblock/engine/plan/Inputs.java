package io.chainblock.engine.plan;

import io.chainblock.api.v1alpha1.BlockSpec;
import java.util.List;

/** The entries of a block's {@code inputs}: {@code block} or {@code block.stream}. */
public final class Inputs {
  /** The default output stream of a block has the empty name. */
  public static final String DEFAULT_STREAM = "";

  /** One input: the upstream block and which of its output streams is read. */
  public record Input(String block, String stream) {
    public boolean isDefaultStream() {
      return stream.isEmpty();
    }

    @Override
    public String toString() {
      return isDefaultStream() ? block : block + "." + stream;
    }
  }

  private Inputs() {}

  /** Splits at the first dot: {@code "split.errors"} is stream {@code errors} of block {@code split}. */
  public static Input parse(String input) {
    int dot = input.indexOf('.');
    return dot < 0 ? new Input(input, DEFAULT_STREAM) : new Input(input.substring(0, dot), input.substring(dot + 1));
  }

  /** The parsed inputs of a block, none when {@code inputs} is absent. */
  public static List<Input> of(BlockSpec block) {
    return block.inputs == null ? List.of() : block.inputs.stream().map(Inputs::parse).toList();
  }
}
