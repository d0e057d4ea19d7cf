package io.chainblock.operator;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Installs the CRDs committed under crds/generated, as {@code kubectl apply -f crds/generated} would. */
final class ChainblockCrds {
  private static final long READY_SECONDS = 60;

  private ChainblockCrds() {}

  /**
   * Creates every CRD, then waits until each is established and its schema is published in the
   * OpenAPI document, which {@code kubectl explain} and client-side validation read.
   */
  static List<String> install(KubernetesClient client, Path generatedDir) {
    List<CustomResourceDefinition> crds = files(generatedDir).stream()
        .map(file -> client.apiextensions().v1().customResourceDefinitions().resource(read(client, file)).create())
        .toList();
    for (CustomResourceDefinition crd : crds) {
      client.apiextensions().v1().customResourceDefinitions().resource(crd)
          .waitUntilCondition(ChainblockCrds::established, READY_SECONDS, TimeUnit.SECONDS);
    }
    crds.forEach(crd -> awaitPublished(client, crd));
    return crds.stream().map(crd -> crd.getMetadata().getName()).toList();
  }

  static boolean established(CustomResourceDefinition crd) {
    return crd != null && crd.getStatus() != null && crd.getStatus().getConditions().stream()
        .anyMatch(condition -> condition.getType().equals("Established") && condition.getStatus().equals("True"));
  }

  private static List<Path> files(Path generatedDir) {
    try (Stream<Path> entries = Files.list(generatedDir)) {
      List<Path> files = entries.filter(file -> file.getFileName().toString().endsWith(".yml")).sorted().toList();
      if (files.isEmpty()) {
        throw new IllegalStateException("no CRD files (*.yml) in " + generatedDir);
      }
      return files;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the CRDs in " + generatedDir, e);
    }
  }

  private static CustomResourceDefinition read(KubernetesClient client, Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      HasMetadata resource = client.getKubernetesSerialization().unmarshal(in);
      if (resource instanceof CustomResourceDefinition crd) {
        return crd;
      }
      throw new IllegalStateException(file + " holds a " + resource.getKind() + ", not a CustomResourceDefinition");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  // The OpenAPI controller publishes a new CRD's schema a moment after it is established.
  private static void awaitPublished(KubernetesClient client, CustomResourceDefinition crd) {
    String path = "/openapi/v3/apis/" + crd.getSpec().getGroup() + "/" + crd.getSpec().getVersions().getFirst().getName();
    String kind = crd.getSpec().getNames().getKind();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(READY_SECONDS);
    while (!published(client, path, kind)) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the API server published no OpenAPI schema of " + kind + " at " + path
            + " within " + READY_SECONDS + "s");
      }
      sleep();
    }
  }

  private static boolean published(KubernetesClient client, String path, String kind) {
    String document = client.raw(path);
    return document != null && document.contains("\"" + kind + "\"");
  }

  private static void sleep() {
    try {
      Thread.sleep(200);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the CRDs", e);
    }
  }
}
