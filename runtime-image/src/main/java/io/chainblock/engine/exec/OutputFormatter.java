package io.chainblock.engine.exec;

import io.chainblock.api.v1alpha1.OutputSpec;
import io.chainblock.engine.format.RecordSink;
import io.chainblock.engine.function.streaming.RecordLines;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes a pipeline's output records as bytes: {@code tsv} in the streaming record line format
 * (so a tsv output is the input of a streaming block as it is), {@code values} as the raw value
 * bytes and nothing else, {@code lines} as each value followed by a newline.
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
      case TSV -> RecordLines.writeRecord(out, key, subkey, value);
      case VALUES -> out.write(value);
      case LINES -> {
        out.write(value);
        out.write('\n');
      }
    }
  }

  @Override
  public void close() throws IOException {
    out.close();
  }
}
