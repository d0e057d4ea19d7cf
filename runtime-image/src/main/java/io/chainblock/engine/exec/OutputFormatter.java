package io.chainblock.engine.exec;

import io.chainblock.api.v1alpha1.OutputSpec;
import io.chainblock.engine.format.RecordSink;
import io.chainblock.engine.function.streaming.RecordLines;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes a pipeline's output records as bytes: {@code tsv} as record lines of the streaming
 * format, in their two-field form when the subkey is empty (so a streaming block reads them
 * back); {@code values} as the raw value bytes and nothing else; {@code lines} as each value
 * followed by a newline.
 */
final class OutputFormatter implements RecordSink {
  private final OutputSpec.Format format;
  private final OutputStream out;

  OutputFormatter(OutputSpec.Format format, OutputStream out) {
    this.format = format;
    this.out = out;
  }

  @Override
  public void write(byte[] key, byte[] subkey, byte[] value) throws IOException {
    switch (format) {
      case TSV -> writeTsv(key, subkey, value);
      case VALUES -> out.write(value);
      case LINES -> {
        out.write(value);
        out.write('\n');
      }
    }
  }

  /** key<TAB>value, with the subkey between them only when it is not empty. */
  private void writeTsv(byte[] key, byte[] subkey, byte[] value) throws IOException {
    if (subkey.length > 0) {
      RecordLines.writeRecord(out, key, subkey, value);
      return;
    }
    RecordLines.writeField(out, key);
    out.write('\t');
    RecordLines.writeField(out, value);
    out.write('\n');
  }

  @Override
  public void close() throws IOException {
    out.close();
  }
}
