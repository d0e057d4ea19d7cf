package io.chainblock.engine.exec;

import io.chainblock.api.v1alpha1.FunctionSpec;
import io.chainblock.engine.UserCodeException;
import io.chainblock.engine.function.BlockFunction;
import io.chainblock.engine.function.builtin.Builtins;
import io.chainblock.engine.function.streaming.StreamingCommand;
import java.util.Map;

/** Makes the BlockFunction a function spec names. */
final class Functions {
  private Functions() {}

  static BlockFunction create(FunctionSpec spec, String block) {
    if (spec.builtin != null) {
      try {
        return Builtins.create(spec.builtin, spec.args == null ? Map.of() : spec.args);
      } catch (IllegalArgumentException e) {
        throw new UserCodeException("block " + block + ": " + e.getMessage(), e);
      }
    }
    if (spec.command != null) {
      return new StreamingCommand(spec.command);
    }
    return instantiate(spec.className, block);
  }

  private static BlockFunction instantiate(String className, String block) {
    Class<?> type;
    try {
      type = Class.forName(className, true, Thread.currentThread().getContextClassLoader());
    } catch (ClassNotFoundException e) {
      throw new UserCodeException("block " + block + ": class " + className + " is not on the class path:"
          + " add its jar to the runtime image (or to CHAINBLOCK_CLASSPATH for the local runner)", e);
    }
    if (!BlockFunction.class.isAssignableFrom(type)) {
      throw new UserCodeException("block " + block + ": class " + className + " does not implement "
          + BlockFunction.class.getName());
    }
    try {
      return (BlockFunction) type.getDeclaredConstructor().newInstance();
    } catch (ReflectiveOperationException e) {
      throw new UserCodeException("block " + block + ": cannot create " + className
          + " (it needs a public no-argument constructor): " + e, e);
    }
  }
}
