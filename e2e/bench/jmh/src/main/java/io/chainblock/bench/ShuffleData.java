package io.chainblock.bench;

import io.chainblock.engine.record.Record;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;

/**
 * The three kinds of shuffle data the codecs are measured on, all derived from one text corpus
 * (codecs.sh builds it from the machine's package changelogs).
 */
public enum ShuffleData {
  /** What a wordcount's map side writes after combining: (word, "", count) in key order. */
  WORDCOUNT {
    @Override
    List<Record> records(byte[] corpus) {
      Map<String, Long> counts = new TreeMap<>();
      String text = new String(corpus, StandardCharsets.UTF_8).toLowerCase(Locale.ROOT);
      for (String word : text.split("[^\\p{L}\\p{Nd}]+")) {
        if (!word.isEmpty()) {
          counts.merge(word, 1L, Long::sum);
        }
      }
      List<Record> records = new ArrayList<>();
      counts.forEach((word, n) -> records.add(Record.of(word, "", Long.toString(n))));
      return records;
    }
  },

  /** What the lines builtin emits: (20-digit byte offset, "", line), in offset order. */
  LINES {
    @Override
    List<Record> records(byte[] corpus) {
      List<Record> records = new ArrayList<>();
      int start = 0;
      for (int i = 0; i < corpus.length; i++) {
        if (corpus[i] == '\n') {
          records.add(new Record(offset(start), Record.EMPTY,
              Arrays.copyOfRange(corpus, start, i)));
          start = i + 1;
        }
      }
      return records;
    }
  },

  /** What the bzip2 builtin emits: already-compressed values, which no codec can shrink. */
  BZIP2 {
    @Override
    List<Record> records(byte[] corpus) {
      List<Record> records = new ArrayList<>();
      int chunk = 100 * 1024;
      int limit = Math.min(corpus.length, 6 * 1024 * 1024);
      for (int start = 0; start < limit; start += chunk) {
        records.add(new Record(offset(start), Record.EMPTY,
            bzip2(corpus, start, Math.min(chunk, limit - start))));
      }
      return records;
    }
  };

  abstract List<Record> records(byte[] corpus);

  static byte[] corpus() {
    String path = System.getProperty("corpus", "../work/corpus.txt");
    try {
      return Files.readAllBytes(Path.of(path));
    } catch (IOException e) {
      throw new UncheckedIOException("no text corpus at " + path
          + " (set -Dcorpus=FILE; codecs.sh builds one)", e);
    }
  }

  private static byte[] offset(long offset) {
    return Record.utf8(String.format("%020d", offset));
  }

  private static byte[] bzip2(byte[] bytes, int offset, int length) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (BZip2CompressorOutputStream bz = new BZip2CompressorOutputStream(out)) {
      bz.write(bytes, offset, length);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
