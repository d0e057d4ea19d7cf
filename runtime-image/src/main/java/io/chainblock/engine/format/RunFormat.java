package io.chainblock.engine.format;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * The layout of a run, shared by {@link RunWriter} and {@link RunReader}.
 *
 * <pre>
 * header      "CBRN", format version (1 byte), codec id (1 byte)
 * block frame uncompressed length (int32 &gt; 0), stored length (int32), CRC32C of the
 *             uncompressed bytes (int32), CRC32C of the previous 12 bytes (int32), payload
 * end frame   0 (int32), record count (int64), CRC32C of the previous 12 bytes (int32)
 * </pre>
 *
 * All integers are big-endian. A payload whose stored length equals its uncompressed length is
 * stored as it is (the codec did not make it smaller). The frame header has its own checksum so
 * a damaged length is caught before it is used to size a buffer.
 */
final class RunFormat {
  static final byte[] MAGIC = {'C', 'B', 'R', 'N'};
  static final int VERSION = 1;
  static final int HEADER_BYTES = MAGIC.length + 2;
  static final int FRAME_BYTES = 16;
  /** Blocks close once they pass this size; a larger record gets a block of its own. */
  static final int BLOCK_TARGET = 64 * 1024;

  private RunFormat() {}

  static int crc32c(byte[] bytes, int offset, int length) {
    CRC32C crc = new CRC32C();
    crc.update(bytes, offset, length);
    return (int) crc.getValue();
  }

  static void blockFrame(byte[] frame, int rawLength, int storedLength, int crc) {
    ByteBuffer.wrap(frame).putInt(rawLength).putInt(storedLength).putInt(crc)
        .putInt(crc32c(frame, 0, 12));
  }

  static void endFrame(byte[] frame, long records) {
    ByteBuffer.wrap(frame).putInt(0).putLong(records).putInt(crc32c(frame, 0, 12));
  }
}
