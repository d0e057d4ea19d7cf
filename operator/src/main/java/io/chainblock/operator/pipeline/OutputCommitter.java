package io.chainblock.operator.pipeline;

import io.chainblock.api.v1alpha1.Disk;
import io.chainblock.api.v1alpha1.DiskSpec;
import io.chainblock.api.v1alpha1.OutputSpec;
import io.chainblock.engine.source.DiskFormat;
import io.chainblock.engine.source.DiskManifest;
import io.chainblock.engine.storage.Storage;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.net.HttpURLConnection;

/**
 * Makes a succeeded pipeline's output a Disk: writes the manifest listing the parts, then creates
 * the Disk resource when none exists. Runs before the status says Succeeded, so whoever waits for
 * that condition finds a complete Disk.
 */
final class OutputCommitter {
  private final StorageOpener storage;
  private final KubernetesClient client;

  OutputCommitter(StorageOpener storage, KubernetesClient client) {
    this.storage = storage;
    this.client = client;
  }

  void commit(String namespace, ReconcilePlan.OutputCommit output) throws IOException {
    DiskFormat format = output.format() == OutputSpec.Format.VALUES ? DiskFormat.BINARY : DiskFormat.TEXT;
    try (Storage disk = storage.open(output.uri())) {
      DiskManifest.of(disk, "", output.disk(), format).write(disk, "");
    } catch (IOException e) {
      throw new IOException("cannot write the manifest of output Disk '" + output.disk() + "' at " + output.uri()
          + ": " + e.getMessage(), e);
    } catch (Exception e) {
      throw new IOException("cannot close the storage of " + output.uri() + ": " + e.getMessage(), e);
    }
    if (!output.diskExists()) {
      createDisk(namespace, output.disk(), format);
    }
  }

  private void createDisk(String namespace, String name, DiskFormat format) {
    Disk disk = new Disk();
    disk.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace).build());
    disk.setSpec(new DiskSpec());
    disk.getSpec().format = format == DiskFormat.BINARY ? DiskSpec.Format.BINARY : DiskSpec.Format.TEXT;
    try {
      client.resource(disk).create();
    } catch (KubernetesClientException e) {
      if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
        throw e;
      }
    }
  }
}
