package io.chainblock.engine.storage;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives tests a {@link MinioServer} parameter: one server per test JVM, started when the first test
 * needs it and stopped (JUnit closes what the root store holds) after the JVM's last test. A missing
 * MinIO binary fails the test with the command that installs it.
 */
public final class MinioExtension implements ParameterResolver {
  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == MinioServer.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return context.getRoot()
        .getStore(ExtensionContext.Namespace.create(MinioExtension.class))
        .getOrComputeIfAbsent("server", key -> MinioServer.start(), MinioServer.class);
  }
}
