package io.chainblock.engine.format;

import io.chainblock.engine.record.Record;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Reads a run written by {@link RunWriter}, one block in memory at a time. Every way a run can
 * be damaged (wrong magic, unknown version or codec, a bad checksum, a missing end frame, a
 * record count that does not match) ends in a {@link CorruptObjectException} naming the object.
 */
public final class RunReader implements RecordCursor {
  private final InputStream in;
  private final String objectName;
  private final Codec.BlockDecompressor decompressor;
  private final byte[] frame = new byte[RunFormat.FRAME_BYTES];
  private byte[] stored = new byte[0];
  private byte[] block = new byte[0];
  private int pos;
  private int fill;
  private int blocks;
  private long records;
  private long bytesRead;
  private boolean ended;
  private byte[] key;
  private byte[] subkey;
  private byte[] value;

  public RunReader(InputStream in, String objectName) throws IOException {
    this.in = in;
    this.objectName = objectName;
    byte[] header = new byte[RunFormat.HEADER_BYTES];
    int n = read(header, header.length);
    if (n < RunFormat.MAGIC.length
        || !Arrays.equals(header, 0, RunFormat.MAGIC.length, RunFormat.MAGIC, 0,
            RunFormat.MAGIC.length)) {
      throw corrupt(n == 0 ? "empty object, expected a run" : "not a run (wrong magic bytes)");
    }
    if (n < header.length) {
      throw corrupt("truncated in the header");
    }
    int version = header[RunFormat.MAGIC.length] & 0xff;
    if (version != RunFormat.VERSION) {
      throw corrupt("run format version " + version + ", this reader knows only "
          + RunFormat.VERSION);
    }
    Codec codec = Codec.byId(header[RunFormat.MAGIC.length + 1] & 0xff);
    if (codec == null) {
      throw corrupt("unknown codec id " + (header[RunFormat.MAGIC.length + 1] & 0xff));
    }
    this.decompressor = codec.newDecompressor();
  }

  @Override
  public boolean next() throws IOException {
    while (pos >= fill) {
      if (ended || !readFrame()) {
        key = subkey = value = null;
        return false;
      }
    }
    int keyLength = RecordEncoding.readVarint(block, pos, fill);
    pos = advance(pos, keyLength);
    int subkeyLength = RecordEncoding.readVarint(block, pos, fill);
    pos = advance(pos, subkeyLength);
    int valueLength = RecordEncoding.readVarint(block, pos, fill);
    pos = advance(pos, valueLength);
    key = field(keyLength);
    subkey = field(subkeyLength);
    value = field(valueLength);
    records++;
    return true;
  }

  @Override
  public byte[] key() {
    return key;
  }

  @Override
  public byte[] subkey() {
    return subkey;
  }

  @Override
  public byte[] value() {
    return value;
  }

  public long records() {
    return records;
  }

  /** Bytes taken from the input stream, as stored (compressed). */
  public long bytesRead() {
    return bytesRead;
  }

  public String objectName() {
    return objectName;
  }

  @Override
  public void close() throws IOException {
    try (in) {
      decompressor.close();
    }
  }

  /** Reads the next frame; false at the end frame. */
  private boolean readFrame() throws IOException {
    int n = read(frame, frame.length);
    if (n == 0) {
      throw corrupt("truncated after " + blocks + " blocks (no end frame)");
    }
    if (n < frame.length) {
      throw corrupt("truncated in the frame after block " + blocks);
    }
    if (RunFormat.crc32c(frame, 0, 12) != ByteBuffer.wrap(frame, 12, 4).getInt()) {
      throw corrupt("the frame after block " + blocks + " fails its checksum");
    }
    ByteBuffer header = ByteBuffer.wrap(frame);
    int rawLength = header.getInt();
    if (rawLength == 0) {
      checkEnd(header.getLong());
      return false;
    }
    int storedLength = header.getInt();
    int crc = header.getInt();
    if (rawLength < 0 || storedLength <= 0 || storedLength > rawLength) {
      throw corrupt("block " + (blocks + 1) + " has impossible lengths " + storedLength + "/"
          + rawLength);
    }
    if (block.length < rawLength) {
      block = new byte[rawLength];
    }
    if (storedLength == rawLength) {
      readPayload(block, rawLength);
    } else {
      if (stored.length < storedLength) {
        stored = new byte[storedLength];
      }
      readPayload(stored, storedLength);
      try {
        decompressor.decompress(stored, storedLength, block, rawLength);
      } catch (Exception e) {
        throw new CorruptObjectException(objectName,
            "block " + (blocks + 1) + " does not decompress (" + e.getMessage() + ")", e);
      }
    }
    if (RunFormat.crc32c(block, 0, rawLength) != crc) {
      throw corrupt("block " + (blocks + 1) + " fails its CRC32C check");
    }
    blocks++;
    pos = 0;
    fill = rawLength;
    return true;
  }

  private void checkEnd(long expectedRecords) throws IOException {
    ended = true;
    if (expectedRecords != records) {
      throw corrupt("the end frame counts " + expectedRecords + " records but the blocks hold "
          + records);
    }
    if (in.read() != -1) {
      throw corrupt("unexpected bytes after the end frame");
    }
  }

  private void readPayload(byte[] into, int length) throws IOException {
    int n = read(into, length);
    if (n < length) {
      throw corrupt("truncated in block " + (blocks + 1) + " (" + n + " of " + length
          + " bytes)");
    }
  }

  private int advance(int from, int length) throws CorruptObjectException {
    if (length < 0) {
      throw corrupt("block " + blocks + " holds a malformed record");
    }
    return from + RecordEncoding.varintSize(length);
  }

  private byte[] field(int length) throws CorruptObjectException {
    if (length > fill - pos) {
      throw corrupt("block " + blocks + " holds a record running past its end");
    }
    byte[] bytes = length == 0 ? Record.EMPTY : Arrays.copyOfRange(block, pos, pos + length);
    pos += length;
    return bytes;
  }

  private int read(byte[] into, int length) throws IOException {
    int n = in.readNBytes(into, 0, length);
    bytesRead += n;
    return n;
  }

  private CorruptObjectException corrupt(String problem) {
    return new CorruptObjectException(objectName, problem);
  }
}
