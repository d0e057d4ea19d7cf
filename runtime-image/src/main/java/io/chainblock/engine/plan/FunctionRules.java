package io.chainblock.engine.plan;

import io.chainblock.api.v1alpha1.FunctionSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Checks one {@code function} or {@code combine}: exactly one of builtin, class and command, a
 * known builtin with known arguments, a class name Java can load, a command that names a program.
 *
 * <p>A builtin argument called {@code pattern} is a regular expression and is required: that is
 * grep's contract, and it holds for any builtin that takes a pattern.
 */
final class FunctionRules {
  static final String PATTERN_ARGUMENT = "pattern";
  private static final Pattern JAVA_CLASS_NAME = Pattern.compile(
      "\\p{javaJavaIdentifierStart}\\p{javaJavaIdentifierPart}*(\\.\\p{javaJavaIdentifierStart}\\p{javaJavaIdentifierPart}*)*");

  private final TreeSet<String> builtinNames;
  private final Function<String, Set<String>> builtinArgs;

  FunctionRules(Set<String> builtinNames, Function<String, Set<String>> builtinArgs) {
    this.builtinNames = new TreeSet<>(builtinNames);
    this.builtinArgs = builtinArgs;
  }

  void check(FunctionSpec function, String field, List<Problem> problems) {
    List<String> kinds = new ArrayList<>();
    if (function.builtin != null) {
      kinds.add("builtin");
    }
    if (function.className != null) {
      kinds.add("class");
    }
    if (function.command != null) {
      kinds.add("command");
    }
    if (kinds.isEmpty()) {
      problems.add(new Problem(field, "no function: give exactly one of builtin, class or command"));
      return;
    }
    if (kinds.size() > 1) {
      problems.add(new Problem(field, String.join(kinds.size() == 2 ? " and " : ", ", kinds)
          + (kinds.size() == 2 ? " are both set" : " are all set") + ": give exactly one of builtin, class or command"));
      return;
    }
    if (function.builtin != null) {
      checkBuiltin(function, field, problems);
      return;
    }
    if (function.args != null && !function.args.isEmpty()) {
      problems.add(new Problem(field + ".args", "args are for builtins only: pass settings to a "
          + kinds.get(0) + " another way (e.g. command-line arguments or environment)"));
    }
    if (function.className != null) {
      checkClassName(function.className, field + ".class", problems);
    } else {
      checkCommand(function.command, field + ".command", problems);
    }
  }

  private void checkBuiltin(FunctionSpec function, String field, List<Problem> problems) {
    String name = function.builtin;
    if (!builtinNames.contains(name)) {
      problems.add(new Problem(field + ".builtin", "unknown builtin '" + name + "'"
          + Suggestions.didYouMean(name, builtinNames) + " (builtins: " + String.join(", ", builtinNames) + ")"));
      return;
    }
    Set<String> accepted = new TreeSet<>(builtinArgs.apply(name));
    Map<String, String> args = function.args == null ? Map.of() : function.args;
    for (String arg : new TreeSet<>(args.keySet())) {
      if (accepted.isEmpty()) {
        problems.add(new Problem(field + ".args." + arg, "builtin " + name + " takes no arguments: remove args"));
      } else if (!accepted.contains(arg)) {
        problems.add(new Problem(field + ".args." + arg, "unknown argument '" + arg + "' for builtin " + name
            + Suggestions.didYouMean(arg, accepted) + " (arguments: " + String.join(", ", accepted) + ")"));
      }
    }
    if (accepted.contains(PATTERN_ARGUMENT)) {
      checkPattern(name, args.get(PATTERN_ARGUMENT), field + ".args." + PATTERN_ARGUMENT, problems);
    }
  }

  private static void checkPattern(String builtin, String pattern, String field, List<Problem> problems) {
    if (pattern == null || pattern.isEmpty()) {
      problems.add(new Problem(field, "missing: builtin " + builtin
          + " needs a regular expression, e.g. args: {pattern: 'error|warning'}"));
      return;
    }
    try {
      Pattern.compile(pattern);
    } catch (PatternSyntaxException invalid) {
      problems.add(new Problem(field, "'" + pattern + "' is not a valid regular expression: "
          + invalid.getDescription() + " near index " + invalid.getIndex()));
    }
  }

  private static void checkClassName(String className, String field, List<Problem> problems) {
    if (!JAVA_CLASS_NAME.matcher(className).matches()) {
      problems.add(new Problem(field, "'" + className + "' is not a Java class name: give the fully qualified"
          + " name of a class implementing BlockFunction, e.g. com.example.MyBlock"));
    }
  }

  private static void checkCommand(List<String> command, String field, List<Problem> problems) {
    if (command.isEmpty()) {
      problems.add(new Problem(field, "empty command: give the program and its arguments, e.g. [sh, -c, 'sort -u']"));
    } else if (command.get(0) == null || command.get(0).isBlank()) {
      problems.add(new Problem(field + "[0]", "the program name is empty: the first element is the program to run"));
    }
  }
}
