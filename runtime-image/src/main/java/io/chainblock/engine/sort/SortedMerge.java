package io.chainblock.engine.sort;

import io.chainblock.engine.format.Codec;
import io.chainblock.engine.format.RecordCursor;
import io.chainblock.engine.format.RunReader;
import io.chainblock.engine.format.RunWriter;
import io.chainblock.engine.record.KeyOrder;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Merges sorted runs into one sorted stream, never opening more than {@code fanIn} runs at once
 * (the MPI master's threshold-nfile). Above the fan-in, groups of adjacent runs are merged into
 * temporary runs first; the last of those passes merges only as many runs as needed to leave
 * exactly {@code fanIn}, so the least data is written twice. Merging adjacent runs keeps ties in
 * the order of the given list.
 */
public final class SortedMerge {
  /** Opens one sorted run; called at most once per run, when the merge needs it. */
  @FunctionalInterface
  public interface RunSource {
    RecordCursor open() throws IOException;
  }

  private SortedMerge() {}

  /**
   * Returns a cursor over the merge of {@code runs}. Temporary runs go to {@code tempDir} and
   * are deleted when the returned cursor is closed (or when this method fails).
   */
  public static RecordCursor merge(List<RunSource> runs, KeyOrder order, int fanIn, Path tempDir,
      Codec tempCodec) throws IOException {
    if (fanIn < 2) {
      throw new IllegalArgumentException("merge fan-in must be at least 2, not " + fanIn);
    }
    TempRuns temps = new TempRuns(tempDir, tempCodec);
    try {
      List<RunSource> remaining = new ArrayList<>(runs);
      while (remaining.size() > fanIn) {
        remaining = mergePass(remaining, order, fanIn, temps);
      }
      return new HeapMerge(openAll(remaining), order, temps::deleteAll);
    } catch (IOException | RuntimeException e) {
      try {
        temps.deleteAll();
      } catch (IOException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
  }

  private static List<RunSource> mergePass(List<RunSource> runs, KeyOrder order, int fanIn,
      TempRuns temps) throws IOException {
    int excess = runs.size() - fanIn;
    List<RunSource> result = new ArrayList<>();
    if (excess < fanIn) {
      result.add(mergeToTemp(runs.subList(0, excess + 1), order, temps));
      result.addAll(runs.subList(excess + 1, runs.size()));
      return result;
    }
    for (int from = 0; from < runs.size(); from += fanIn) {
      List<RunSource> group = runs.subList(from, Math.min(from + fanIn, runs.size()));
      result.add(group.size() == 1 ? group.get(0) : mergeToTemp(group, order, temps));
    }
    return result;
  }

  private static RunSource mergeToTemp(List<RunSource> group, KeyOrder order, TempRuns temps)
      throws IOException {
    Path path = temps.create();
    try (RecordCursor merged = new HeapMerge(openAll(group), order, () -> {});
        RunWriter out = new RunWriter(
            new BufferedOutputStream(Files.newOutputStream(path), 64 * 1024), temps.codec)) {
      while (merged.next()) {
        out.write(merged.key(), merged.subkey(), merged.value());
      }
    }
    for (RunSource run : group) {
      temps.deleteIfTemp(run);
    }
    return temps.source(path);
  }

  private static List<RecordCursor> openAll(List<RunSource> runs) throws IOException {
    List<RecordCursor> cursors = new ArrayList<>(runs.size());
    try {
      for (RunSource run : runs) {
        cursors.add(run.open());
      }
      return cursors;
    } catch (IOException | RuntimeException e) {
      for (RecordCursor cursor : cursors) {
        try {
          cursor.close();
        } catch (IOException suppressed) {
          e.addSuppressed(suppressed);
        }
      }
      throw e;
    }
  }

  /** The temporary runs of one merge, deleted as soon as they have been merged further. */
  private static final class TempRuns {
    private final Path dir;
    private final Codec codec;
    private final Set<Path> live = new LinkedHashSet<>();

    TempRuns(Path dir, Codec codec) {
      this.dir = dir;
      this.codec = codec;
    }

    Path create() throws IOException {
      Path path = Files.createTempFile(dir, "merge-", ".run");
      live.add(path);
      return path;
    }

    RunSource source(Path path) {
      return new TempRun(path);
    }

    void deleteIfTemp(RunSource run) throws IOException {
      if (run instanceof TempRun temp && live.remove(temp.path)) {
        Files.deleteIfExists(temp.path);
      }
    }

    void deleteAll() throws IOException {
      for (Path path : live) {
        Files.deleteIfExists(path);
      }
      live.clear();
    }
  }

  private record TempRun(Path path) implements RunSource {
    @Override
    public RecordCursor open() throws IOException {
      return new RunReader(Files.newInputStream(path), path.toString());
    }
  }
}
