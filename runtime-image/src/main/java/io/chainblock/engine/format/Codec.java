package io.chainblock.engine.format;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdCompressCtx;
import com.github.luben.zstd.ZstdDecompressCtx;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4SafeDecompressor;

/**
 * How the blocks of a run are compressed. Each block is compressed on its own, so a reader needs
 * only one block in memory. The id is what the run header stores; never renumber a codec.
 */
public enum Codec {
  NONE(0, 0) {
    @Override
    BlockCompressor newCompressor(int level) {
      return new BlockCompressor() {
        @Override
        public int maxCompressedLength(int length) {
          return length;
        }

        @Override
        public int compress(byte[] src, int length, byte[] dst) {
          System.arraycopy(src, 0, dst, 0, length);
          return length;
        }
      };
    }

    @Override
    BlockDecompressor newDecompressor() {
      return (src, length, dst, rawLength) -> {
        if (length != rawLength) {
          throw new IllegalArgumentException("stored block of " + length + " bytes should hold "
              + rawLength);
        }
        System.arraycopy(src, 0, dst, 0, length);
      };
    }
  },

  DEFLATE(1, 1) {
    @Override
    BlockCompressor newCompressor(int level) {
      Deflater deflater = new Deflater(level);
      return new BlockCompressor() {
        @Override
        public int maxCompressedLength(int length) {
          // zlib's deflateBound for stored blocks plus the zlib wrapper, with some slack.
          return length + (length >>> 12) + (length >>> 14) + (length >>> 25) + 64;
        }

        @Override
        public int compress(byte[] src, int length, byte[] dst) {
          deflater.reset();
          deflater.setInput(src, 0, length);
          deflater.finish();
          int n = deflater.deflate(dst, 0, dst.length);
          if (!deflater.finished()) {
            throw new IllegalStateException("deflate output exceeded its bound");
          }
          return n;
        }

        @Override
        public void close() {
          deflater.end();
        }
      };
    }

    @Override
    BlockDecompressor newDecompressor() {
      Inflater inflater = new Inflater();
      return new BlockDecompressor() {
        @Override
        public void decompress(byte[] src, int length, byte[] dst, int rawLength)
            throws DataFormatException {
          inflater.reset();
          inflater.setInput(src, 0, length);
          int n = inflater.inflate(dst, 0, rawLength);
          if (n != rawLength || !inflater.finished()) {
            throw new DataFormatException("inflated " + n + " bytes, expected " + rawLength);
          }
        }

        @Override
        public void close() {
          inflater.end();
        }
      };
    }
  },

  LZ4(2, 0) {
    @Override
    BlockCompressor newCompressor(int level) {
      LZ4Compressor lz4 = level <= 0
          ? LZ4Factory.fastestInstance().fastCompressor()
          : LZ4Factory.fastestInstance().highCompressor(level);
      return new BlockCompressor() {
        @Override
        public int maxCompressedLength(int length) {
          return lz4.maxCompressedLength(length);
        }

        @Override
        public int compress(byte[] src, int length, byte[] dst) {
          return lz4.compress(src, 0, length, dst, 0, dst.length);
        }
      };
    }

    @Override
    BlockDecompressor newDecompressor() {
      // The safe decompressor checks its input; the fast one can read past a corrupt block.
      LZ4SafeDecompressor lz4 = LZ4Factory.fastestInstance().safeDecompressor();
      return (src, length, dst, rawLength) -> {
        int n = lz4.decompress(src, 0, length, dst, 0, rawLength);
        if (n != rawLength) {
          throw new IllegalArgumentException("decompressed " + n + " bytes, expected " + rawLength);
        }
      };
    }
  },

  ZSTD(3, 1) {
    @Override
    BlockCompressor newCompressor(int level) {
      ZstdCompressCtx zstd = new ZstdCompressCtx().setLevel(level);
      return new BlockCompressor() {
        @Override
        public int maxCompressedLength(int length) {
          return Math.toIntExact(Zstd.compressBound(length));
        }

        @Override
        public int compress(byte[] src, int length, byte[] dst) {
          return zstd.compressByteArray(dst, 0, dst.length, src, 0, length);
        }

        @Override
        public void close() {
          zstd.close();
        }
      };
    }

    @Override
    BlockDecompressor newDecompressor() {
      ZstdDecompressCtx zstd = new ZstdDecompressCtx();
      return new BlockDecompressor() {
        @Override
        public void decompress(byte[] src, int length, byte[] dst, int rawLength) {
          int n = zstd.decompressByteArray(dst, 0, rawLength, src, 0, length);
          if (n != rawLength) {
            throw new IllegalArgumentException(
                "decompressed " + n + " bytes, expected " + rawLength);
          }
        }

        @Override
        public void close() {
          zstd.close();
        }
      };
    }
  };

  /**
   * Measured in e2e/bench/codecs.md: on a CPU-bound 2-core machine LZ4 costs the least CPU per
   * round trip of the codecs that compress, still shrinks text 2.3x, and passes incompressible
   * data through fastest; zstd saves another quarter of the bytes for about 70% more CPU.
   */
  public static final Codec DEFAULT = LZ4;

  private final int id;
  private final int defaultLevel;

  Codec(int id, int defaultLevel) {
    this.id = id;
    this.defaultLevel = defaultLevel;
  }

  public static Codec parse(String name) {
    if (name != null) {
      for (Codec codec : values()) {
        if (codec.name().equalsIgnoreCase(name.trim())) {
          return codec;
        }
      }
    }
    throw new IllegalArgumentException("unknown codec \"" + name + "\"; valid codecs are "
        + Arrays.stream(values()).map(c -> c.name().toLowerCase(Locale.ROOT))
            .collect(Collectors.joining(", ")));
  }

  /** The level {@link RunWriter#RunWriter(java.io.OutputStream, Codec)} compresses with. */
  public int defaultLevel() {
    return defaultLevel;
  }

  int id() {
    return id;
  }

  static Codec byId(int id) {
    for (Codec codec : values()) {
      if (codec.id == id) {
        return codec;
      }
    }
    return null;
  }

  abstract BlockCompressor newCompressor(int level);

  abstract BlockDecompressor newDecompressor();

  /** Compresses whole blocks; one instance per writer because some codecs keep native state. */
  interface BlockCompressor extends AutoCloseable {
    int maxCompressedLength(int length);

    /** Compresses {@code src[0, length)} into {@code dst} and returns the compressed length. */
    int compress(byte[] src, int length, byte[] dst);

    @Override
    default void close() {}
  }

  /** Decompresses whole blocks; any exception means the block is corrupt. */
  interface BlockDecompressor extends AutoCloseable {
    void decompress(byte[] src, int length, byte[] dst, int rawLength) throws Exception;

    @Override
    default void close() {}
  }
}
