package io.chainblock.engine.format;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * Writes records, in the order given, as a run (see {@link RunFormat}): blocks of about 64 KiB
 * compressed one at a time, so neither side ever holds more than a block.
 */
public final class RunWriter implements RecordSink {
  private final OutputStream out;
  private final Codec codec;
  private final Codec.BlockCompressor compressor;
  private final byte[] frame = new byte[RunFormat.FRAME_BYTES];
  private byte[] block = new byte[RunFormat.BLOCK_TARGET + 1024];
  private byte[] compressed = new byte[0];
  private int fill;
  private long records;
  private long bytesWritten;
  private long rawBytes;
  private boolean closed;

  public RunWriter(OutputStream out, Codec codec) throws IOException {
    this(out, codec, codec.defaultLevel());
  }

  /** {@code level} is the codec's own compression level; it is not needed to read the run. */
  public RunWriter(OutputStream out, Codec codec, int level) throws IOException {
    this.out = out;
    this.codec = codec;
    this.compressor = codec.newCompressor(level);
    byte[] header = Arrays.copyOf(RunFormat.MAGIC, RunFormat.HEADER_BYTES);
    header[RunFormat.MAGIC.length] = RunFormat.VERSION;
    header[RunFormat.MAGIC.length + 1] = (byte) codec.id();
    emit(header, header.length);
  }

  @Override
  public void write(byte[] key, byte[] subkey, byte[] value) throws IOException {
    int size = RecordEncoding.encodedSize(key, subkey, value);
    if (fill > 0 && fill + size > RunFormat.BLOCK_TARGET) {
      flushBlock();
    }
    if (fill + size > block.length) {
      block = Arrays.copyOf(block, fill + size);
    }
    fill = RecordEncoding.encode(block, fill, key, subkey, value);
    records++;
    rawBytes += size;
    if (fill >= RunFormat.BLOCK_TARGET) {
      flushBlock();
    }
  }

  public Codec codec() {
    return codec;
  }

  public long records() {
    return records;
  }

  /** Bytes that went to the output stream: headers, frames and compressed payloads. */
  public long bytesWritten() {
    return bytesWritten;
  }

  /** The serialized records before compression. */
  public long rawBytes() {
    return rawBytes;
  }

  /** Writes the last block and the end frame, then closes the output stream. */
  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    try (out; compressor) {
      if (fill > 0) {
        flushBlock();
      }
      RunFormat.endFrame(frame, records);
      emit(frame, frame.length);
      out.flush();
    }
  }

  private void flushBlock() throws IOException {
    int needed = compressor.maxCompressedLength(fill);
    if (compressed.length < needed) {
      compressed = new byte[needed];
    }
    int storedLength = compressor.compress(block, fill, compressed);
    byte[] payload = compressed;
    if (storedLength >= fill) {
      payload = block;
      storedLength = fill;
    }
    RunFormat.blockFrame(frame, fill, storedLength, RunFormat.crc32c(block, 0, fill));
    emit(frame, frame.length);
    emit(payload, storedLength);
    fill = 0;
    if (block.length > 4 * RunFormat.BLOCK_TARGET) {
      block = new byte[RunFormat.BLOCK_TARGET + 1024];
    }
  }

  private void emit(byte[] bytes, int length) throws IOException {
    out.write(bytes, 0, length);
    bytesWritten += length;
  }
}
