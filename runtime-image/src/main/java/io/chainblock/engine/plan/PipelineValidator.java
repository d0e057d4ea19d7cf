package io.chainblock.engine.plan;

import io.chainblock.api.v1alpha1.BlockSpec;
import io.chainblock.api.v1alpha1.ChainPipeline;
import io.chainblock.api.v1alpha1.ChainPipelineSpec;
import io.chainblock.api.v1alpha1.OutputSpec;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The checks a pipeline passes before anything runs; {@code chainblock validate}, the local runner
 * and the operator all use this one. It is pure: the same pipeline and disks always give the same
 * problems, all of them, ordered by field.
 */
public final class PipelineValidator {
  public static final int MAX_NAME_LENGTH = 40;
  public static final int MAX_SHARDS = 10_000;
  private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
  private static final Pattern STREAM_NAME = Pattern.compile("[A-Za-z0-9_-]+");

  private final FunctionRules functions;

  /**
   * @param builtinNames the builtin functions the runtime ships
   * @param builtinArgs the argument names a builtin accepts (empty when it takes none)
   */
  public PipelineValidator(Set<String> builtinNames, Function<String, Set<String>> builtinArgs) {
    this.functions = new FunctionRules(builtinNames, builtinArgs);
  }

  public List<Problem> validate(ChainPipeline pipeline, DiskCatalog disks) {
    List<Problem> problems = new ArrayList<>();
    ChainPipelineSpec spec = pipeline.getSpec();
    List<BlockSpec> blocks = spec == null || spec.blocks == null ? List.of() : spec.blocks;
    if (blocks.isEmpty()) {
      problems.add(new Problem("spec.blocks", "no blocks: a pipeline needs at least one block"));
    }
    Map<String, Integer> firstIndexByName = checkNames(blocks, problems);
    for (int i = 0; i < blocks.size(); i++) {
      checkBlock(blocks.get(i), "spec.blocks[" + i + "]", firstIndexByName, disks, problems);
    }
    checkCycles(blocks, firstIndexByName, problems);
    checkOutput(spec == null ? null : spec.output, blocks, problems);
    problems.sort(Comparator.comparing(Problem::field, FieldOrder.INSTANCE));
    return List.copyOf(problems);
  }

  private static Map<String, Integer> checkNames(List<BlockSpec> blocks, List<Problem> problems) {
    Map<String, Integer> firstIndexByName = new LinkedHashMap<>();
    for (int i = 0; i < blocks.size(); i++) {
      String name = blocks.get(i).name;
      String field = "spec.blocks[" + i + "].name";
      if (name == null || name.isEmpty()) {
        problems.add(new Problem(field, "missing: every block needs a name, e.g. name: split"));
        continue;
      }
      if (!DNS_LABEL.matcher(name).matches()) {
        problems.add(new Problem(field, "'" + name + "' is not a valid block name: use lower-case letters, digits"
            + " and '-', starting and ending with a letter or digit"));
      } else if (name.length() > MAX_NAME_LENGTH) {
        problems.add(new Problem(field, "'" + name + "' is " + name.length() + " characters long: a block name has"
            + " at most " + MAX_NAME_LENGTH + " because its Job name adds the pipeline name and a suffix"));
      }
      Integer first = firstIndexByName.putIfAbsent(name, i);
      if (first != null) {
        problems.add(new Problem(field, "duplicate block name '" + name + "': spec.blocks[" + first
            + "] has it too; give every block its own name"));
      }
    }
    return firstIndexByName;
  }

  private void checkBlock(BlockSpec block, String field, Map<String, Integer> blockIndexes, DiskCatalog disks,
      List<Problem> problems) {
    if (block.shards != null && block.shards < 1) {
      problems.add(new Problem(field + ".shards", block.shards + " shards: a block needs at least 1"));
    } else if (block.shards != null && block.shards > MAX_SHARDS) {
      problems.add(new Problem(field + ".shards", block.shards + " shards: a block has at most " + MAX_SHARDS));
    }
    if (block.parallelism != null && block.parallelism < 1) {
      problems.add(new Problem(field + ".parallelism", "parallelism " + block.parallelism
          + ": at least 1 shard must run at a time (leave it out to run all shards at once)"));
    }
    if (block.function == null) {
      problems.add(new Problem(field + ".function", "missing: give exactly one of builtin, class or command"));
    } else {
      functions.check(block.function, field + ".function", problems);
    }
    if (block.combine != null) {
      functions.check(block.combine, field + ".combine", problems);
      if (block.combine.command != null) {
        // a combiner is called once per key group inside the shard; a program's output cannot
        // be tied back to the group it came from
        problems.add(new Problem(field + ".combine.command", "a combiner cannot be a streaming command:"
            + " use a builtin (e.g. sum) or a class"));
      }
    }
    checkReads(block, field, blockIndexes, disks, problems);
  }

  private static void checkReads(BlockSpec block, String field, Map<String, Integer> blockIndexes,
      DiskCatalog disks, List<Problem> problems) {
    List<String> inputs = block.inputs == null ? List.of() : block.inputs;
    if (block.source == null && inputs.isEmpty()) {
      problems.add(new Problem(field, "no source and no inputs: give source: {disk: NAME} to read a Disk"
          + " or inputs: [BLOCK] to read other blocks"));
    } else if (block.source != null && !inputs.isEmpty()) {
      problems.add(new Problem(field, "both source and inputs: a block reads either a Disk or other blocks;"
          + " add an identity block to combine them"));
    }
    if (block.source != null) {
      String disk = block.source.disk;
      if (disk == null || disk.isEmpty()) {
        problems.add(new Problem(field + ".source.disk", "missing: name the Disk this block reads"));
      } else if (!disks.exists(disk)) {
        problems.add(new Problem(field + ".source.disk", "Disk '" + disk + "' is not defined: "
            + disks.howToDefine(disk)));
      }
    }
    for (int i = 0; i < inputs.size(); i++) {
      checkInput(block, inputs.get(i), field + ".inputs[" + i + "]", blockIndexes, problems);
    }
  }

  private static void checkInput(BlockSpec block, String input, String field, Map<String, Integer> blockIndexes,
      List<Problem> problems) {
    if (input == null || input.isEmpty()) {
      problems.add(new Problem(field, "empty input: name a block, or BLOCK.STREAM for one of its named streams"));
      return;
    }
    Inputs.Input parsed = Inputs.parse(input);
    if (!blockIndexes.containsKey(parsed.block())) {
      problems.add(new Problem(field, "unknown input '" + parsed.block() + "': no block has that name (blocks: "
          + String.join(", ", blockIndexes.keySet()) + ")"));
    } else if (parsed.block().equals(block.name)) {
      problems.add(new Problem(field, "block '" + block.name + "' reads its own output: a block cannot be its"
          + " own input"));
    }
    if (input.indexOf('.') >= 0 && !STREAM_NAME.matcher(parsed.stream()).matches()) {
      problems.add(new Problem(field, "'" + parsed.stream() + "' is not a valid stream name: write '"
          + parsed.block() + "' for the default stream or '" + parsed.block()
          + ".STREAM' where STREAM is letters, digits, '_' and '-'"));
    }
  }

  private static void checkCycles(List<BlockSpec> blocks, Map<String, Integer> blockIndexes, List<Problem> problems) {
    List<List<Integer>> consumers = new ArrayList<>();
    blocks.forEach(block -> consumers.add(new ArrayList<>()));
    for (int i = 0; i < blocks.size(); i++) {
      for (Inputs.Input input : Inputs.of(blocks.get(i))) {
        Integer upstream = blockIndexes.get(input.block());
        if (upstream != null && upstream != i && !consumers.get(upstream).contains(i)) {
          consumers.get(upstream).add(i);
        }
      }
    }
    for (List<Integer> cycle : Cycles.find(consumers)) {
      String path = cycle.stream().map(i -> blocks.get(i).name).collect(Collectors.joining(" -> "));
      problems.add(new Problem("spec.blocks[" + cycle.get(0) + "].inputs", "cycle " + path
          + ": blocks must not read each other in a loop; remove one of these inputs"));
    }
  }

  private static void checkOutput(OutputSpec output, List<BlockSpec> blocks, List<Problem> problems) {
    if (output == null) {
      problems.add(new Problem("spec.output", "missing: give output: {disk: NAME} for the records of the"
          + " terminal blocks"));
      return;
    }
    if (output.disk == null || output.disk.isEmpty()) {
      problems.add(new Problem("spec.output.disk", "missing: name the Disk the result is written to"));
      return;
    }
    Map<String, String> readers = new HashMap<>();
    for (int i = blocks.size() - 1; i >= 0; i--) {
      BlockSpec block = blocks.get(i);
      if (block.source != null && block.source.disk != null) {
        readers.put(block.source.disk, "spec.blocks[" + i + "]");
      }
    }
    if (readers.containsKey(output.disk)) {
      problems.add(new Problem("spec.output.disk", "Disk '" + output.disk + "' is also read by "
          + readers.get(output.disk) + ".source: write the result to another Disk"));
    }
  }
}
