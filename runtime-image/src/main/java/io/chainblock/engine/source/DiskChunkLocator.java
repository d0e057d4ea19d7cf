package io.chainblock.engine.source;

import io.chainblock.engine.exec.ShardRunner;
import io.chainblock.engine.plan.DiskPlan;
import io.chainblock.engine.plan.RunPlan;
import io.chainblock.engine.storage.Storage;
import io.chainblock.engine.storage.StorageUris;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds the chunks of the Disks a plan reads: local files are chunked as they are, a Disk in
 * object storage is read through its manifest. Each Disk is listed once per process.
 */
public final class DiskChunkLocator implements ShardRunner.DiskChunks, AutoCloseable {
  private final RunPlan plan;
  private final Map<String, String> locations;
  private final Map<String, String> env;
  private final Map<String, List<Chunk>> listed = new ConcurrentHashMap<>();
  private final Map<String, Storage> opened = new ConcurrentHashMap<>();

  /** @param env the S3 settings for Disks in object storage (see {@link StorageUris#open(String, Map)}) */
  public DiskChunkLocator(RunPlan plan, Map<String, String> locations, Map<String, String> env) {
    this.plan = plan;
    this.locations = locations;
    this.env = env;
  }

  @Override
  public List<Chunk> chunks(String disk) throws IOException {
    List<Chunk> chunks = listed.get(disk);
    if (chunks == null) {
      chunks = list(disk);
      listed.put(disk, chunks);
    }
    return chunks;
  }

  private List<Chunk> list(String disk) throws IOException {
    String uri = locations.get(disk);
    if (uri == null) {
      throw new IOException("no location for Disk '" + disk + "' in the plan file");
    }
    DiskPlan diskPlan = plan.disks().get(disk);
    if (StorageUris.isLocal(uri)) {
      return LocalDisk.chunks(StorageUris.localPath(uri), diskPlan.format(), diskPlan.chunkSize());
    }
    Storage storage = StorageUris.open(uri, env);
    opened.put(disk, storage);
    return DiskManifest.read(storage, "", disk).chunks(storage, "");
  }

  @Override
  public void close() throws Exception {
    for (Storage storage : opened.values()) {
      storage.close();
    }
  }
}
