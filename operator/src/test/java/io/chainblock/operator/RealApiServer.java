package io.chainblock.operator;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit extension giving tests a real kube-apiserver with the Chainblock CRDs installed: declare a
 * parameter of type {@link KubernetesClient} or {@link TestApiServer} (in a test, a lifecycle method
 * or a constructor) of a class annotated {@code @ExtendWith(RealApiServer.class)}.
 *
 * <p>One server serves every test class of a test run, since starting one takes seconds; it stops
 * when the run ends. Tests keep apart by working in namespaces of their own. When the binaries are
 * missing the tests fail, naming the script that builds them.
 */
public final class RealApiServer implements ParameterResolver {
  /** The checkout: surefire runs in the module's directory, one below it. */
  public static final Path REPO = Path.of(System.getProperty("chainblock.repo", "..")).toAbsolutePath().normalize();

  private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(RealApiServer.class);

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == KubernetesClient.class || type == TestApiServer.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    TestApiServer server = context.getRoot().getStore(NAMESPACE)
        .getOrComputeIfAbsent(TestApiServer.class, key -> TestApiServer.start(REPO), TestApiServer.class);
    return parameter.getParameter().getType() == KubernetesClient.class ? server.client() : server;
  }
}
