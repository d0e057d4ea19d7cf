package io.chainblock.engine.function.builtin;

import io.chainblock.engine.function.BlockFunction;
import io.chainblock.engine.function.FoldingCombiner;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The functions shipped with the runtime, by the name a block's {@code function.builtin} gives.
 *
 * <p>Args whose name starts with {@value #RESERVED_ARG_PREFIX} belong to the runner (for example
 * {@code chainblock.binary}, see {@code StreamingCommand}); every builtin accepts and ignores them.
 */
public final class Builtins {
  public static final String RESERVED_ARG_PREFIX = "chainblock.";

  private record Builtin(Set<String> argNames, Function<Map<String, String>, BlockFunction> factory) {}

  private static final SortedMap<String, Builtin> BUILTINS = Collections.unmodifiableSortedMap(new TreeMap<>(Map.of(
      "identity", new Builtin(Set.of(), args -> new Identity()),
      "lines", new Builtin(Set.of(), args -> new Lines()),
      "tokenize", new Builtin(Set.of(), args -> new Tokenize()),
      "count", new Builtin(Set.of(), args -> new Count()),
      "sum", new Builtin(Set.of(), args -> new Sum()),
      "concat", new Builtin(Set.of("separator"), args -> new Concat(Concat.separator(args.getOrDefault("separator", "")))),
      "grep", new Builtin(Set.of("pattern", "invert"), args -> new Grep(grepPattern(args), grepInvert(args))),
      "bzip2", new Builtin(Set.of(), args -> new Bzip2()),
      "bunzip2", new Builtin(Set.of(), args -> new Bunzip2()))));

  private Builtins() {}

  /** Every builtin's name, sorted. */
  public static Set<String> names() {
    return BUILTINS.keySet();
  }

  /** The args {@code builtin} accepts (besides the runner's reserved ones). */
  public static Set<String> argNames(String builtin) {
    return lookUp(builtin).argNames();
  }

  /**
   * A new instance of the builtin for one shard; {@code args} may be null for none.
   *
   * @throws IllegalArgumentException for an unknown name, an unknown arg, or a missing or bad one;
   *     the message names the builtin and says what to write instead
   */
  public static BlockFunction create(String name, Map<String, String> givenArgs) {
    Builtin builtin = lookUp(name);
    Map<String, String> args = givenArgs == null ? Map.of() : givenArgs;
    for (String arg : args.keySet()) {
      if (!arg.startsWith(RESERVED_ARG_PREFIX) && !builtin.argNames().contains(arg)) {
        throw new IllegalArgumentException(builtin.argNames().isEmpty()
            ? name + " takes no args; remove args." + arg
            : name + " does not take args." + arg + "; it takes " + describe(builtin.argNames()));
      }
    }
    return builtin.factory().apply(args);
  }

  /** The map-side combiner of a builtin whose per-key result can be folded value by value. */
  public static Optional<FoldingCombiner> folding(String name) {
    return "sum".equals(name) ? Optional.of(new Sum.Combiner()) : Optional.empty();
  }

  private static Builtin lookUp(String name) {
    Builtin builtin = BUILTINS.get(name);
    if (builtin == null) {
      throw new IllegalArgumentException("unknown builtin \"" + name + "\"; the builtins are "
          + String.join(", ", names()) + " (for your own code use function.command or function.class)");
    }
    return builtin;
  }

  private static String describe(Set<String> argNames) {
    return "args." + String.join(", args.", new TreeSet<>(argNames));
  }

  private static Pattern grepPattern(Map<String, String> args) {
    String pattern = args.get("pattern");
    if (pattern == null || pattern.isEmpty()) {
      throw new IllegalArgumentException("grep needs args.pattern, a Java regular expression");
    }
    try {
      return Pattern.compile(pattern);
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException("grep args.pattern \"" + pattern + "\" is not a Java regular expression: "
          + e.getDescription() + " near index " + e.getIndex(), e);
    }
  }

  private static boolean grepInvert(Map<String, String> args) {
    String invert = args.getOrDefault("invert", "false");
    return switch (invert) {
      case "true" -> true;
      case "false" -> false;
      default -> throw new IllegalArgumentException("grep args.invert must be \"true\" or \"false\", not \"" + invert + "\"");
    };
  }
}
