package io.chainblock.engine.storage;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class LocalStorageTest extends StorageContractTest {
  @TempDir Path root;

  @Override
  protected Storage newStorage() throws Exception {
    return new LocalStorage(root);
  }
}
