package io.chainblock.engine.function.streaming;

import io.chainblock.engine.function.Emitter;
import io.chainblock.engine.record.Record;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The line format streaming blocks read on stdin and write on stdout (runtime-image/docs/streaming-format.md
 * says the same for users).
 *
 * <h2>Records</h2>
 * One record per line, ended by {@code '\n'}: {@code key<TAB>subkey<TAB>value}. On stdout a
 * line may also have two fields ({@code key<TAB>value}, empty subkey) or one ({@code key}, empty
 * subkey and value); an empty line is therefore a record whose fields are all empty. More than
 * three fields is an error. A last line without its {@code '\n'} still counts. Stdin lines always
 * have three fields.
 *
 * <p>Inside a field, tab, newline and backslash are written {@code \t}, {@code \n} and
 * {@code \\}. Reading also accepts {@code \r} for a carriage return, for programs that escape it;
 * writing never produces it, because a raw carriage return is not a separator and passes through
 * as data (so a {@code "\r\n"} line ending leaves the {@code '\r'} in the last field). Any other
 * character after a backslash, or a backslash at the end of a field, is an error.
 *
 * <h2>Named streams and broadcasts</h2>
 * Because of that escaping, a data field never starts with a backslash followed by anything but
 * {@code t}, {@code n}, {@code r} or another backslash. A line whose first field is a backslash
 * followed by {@code >} or {@code *} is therefore a directive that cannot be mistaken for data:
 * <ul>
 *   <li>{@code \>STREAM<TAB>record} — emit the record to the named output stream {@code STREAM}
 *       ({@code \>} alone names the default stream);
 *   <li>{@code \*<TAB>record} — broadcast the record on the default stream;
 *   <li>{@code \*STREAM<TAB>record} — broadcast the record on the named stream.
 * </ul>
 * {@code record} is one, two or three fields as above. The stream name is taken as it is (UTF-8,
 * no escapes); stream names are DNS labels, so they never hold a tab or a backslash. On stdin a
 * block receives the records broadcast to it first, each as a {@code \*<TAB>key<TAB>subkey<TAB>value}
 * line, then its data.
 *
 * <p>Parsing and writing work on bytes; fields without escapes are copied in one step.
 */
public final class RecordLines {
  static final byte TAB = '\t';
  static final byte NEWLINE = '\n';
  static final byte BACKSLASH = '\\';
  private static final byte STREAM_DIRECTIVE = '>';
  private static final byte BROADCAST_DIRECTIVE = '*';
  private static final int MAX_RECORD_FIELDS = 3;

  private RecordLines() {}

  /** One line: a record, the stream it goes to, and whether it is broadcast. */
  public record Line(boolean broadcast, String stream, byte[] key, byte[] subkey, byte[] value) {
    public Line {
      if (stream.indexOf('\t') >= 0 || stream.indexOf('\n') >= 0 || stream.indexOf('\\') >= 0) {
        throw new IllegalArgumentException("a stream name cannot hold a tab, newline or backslash: " + stream);
      }
    }

    public static Line emit(byte[] key, byte[] subkey, byte[] value) {
      return new Line(false, Emitter.DEFAULT_STREAM, key, subkey, value);
    }

    public static Line emit(String stream, byte[] key, byte[] subkey, byte[] value) {
      return new Line(false, stream, key, subkey, value);
    }

    public static Line broadcast(String stream, byte[] key, byte[] subkey, byte[] value) {
      return new Line(true, stream, key, subkey, value);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Line l && broadcast == l.broadcast && stream.equals(l.stream)
          && Arrays.equals(key, l.key) && Arrays.equals(subkey, l.subkey) && Arrays.equals(value, l.value);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(new Object[] {broadcast, stream, Arrays.hashCode(key), Arrays.hashCode(subkey), Arrays.hashCode(value)});
    }

    @Override
    public String toString() {
      return new String(encode(this), StandardCharsets.UTF_8).stripTrailing();
    }
  }

  /** A line that does not follow the format; the message says what is wrong, not where. */
  public static final class MalformedLineException extends IllegalArgumentException {
    MalformedLineException(String reason) {
      super(reason);
    }
  }

  /** Writes a plain record line with all three fields, as stdin gets it. */
  public static void writeRecord(OutputStream out, byte[] key, byte[] subkey, byte[] value) throws IOException {
    writeField(out, key);
    out.write(TAB);
    writeField(out, subkey);
    out.write(TAB);
    writeField(out, value);
    out.write(NEWLINE);
  }

  /** Writes a line with the directive its stream and broadcast flag need. */
  public static void writeLine(OutputStream out, Line line) throws IOException {
    if (line.broadcast() || !line.stream().isEmpty()) {
      out.write(BACKSLASH);
      out.write(line.broadcast() ? BROADCAST_DIRECTIVE : STREAM_DIRECTIVE);
      out.write(line.stream().getBytes(StandardCharsets.UTF_8));
      out.write(TAB);
    }
    writeRecord(out, line.key(), line.subkey(), line.value());
  }

  /** The bytes of {@link #writeLine}, newline included. */
  public static byte[] encode(Line line) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      writeLine(out, line);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** Writes a field with tab, newline and backslash escaped. */
  public static void writeField(OutputStream out, byte[] field) throws IOException {
    int plainFrom = 0;
    for (int i = 0; i < field.length; i++) {
      byte escaped = escapeOf(field[i]);
      if (escaped != 0) {
        out.write(field, plainFrom, i - plainFrom);
        out.write(BACKSLASH);
        out.write(escaped);
        plainFrom = i + 1;
      }
    }
    out.write(field, plainFrom, field.length - plainFrom);
  }

  private static byte escapeOf(byte b) {
    return switch (b) {
      case TAB -> 't';
      case NEWLINE -> 'n';
      case BACKSLASH -> BACKSLASH;
      default -> 0;
    };
  }

  /**
   * Parses the line in {@code buf[off, off + len)}, without its newline.
   *
   * @throws MalformedLineException for a bad escape or too many fields
   */
  public static Line decode(byte[] buf, int off, int len) {
    int end = off + len;
    boolean broadcast = false;
    String stream = Emitter.DEFAULT_STREAM;
    int recordStart = off;
    if (len >= 2 && buf[off] == BACKSLASH && (buf[off + 1] == STREAM_DIRECTIVE || buf[off + 1] == BROADCAST_DIRECTIVE)) {
      int tab = indexOf(buf, TAB, off, end);
      if (tab < 0) {
        throw new MalformedLineException("a \\" + (char) buf[off + 1] + " directive must be followed by a tab and a record");
      }
      broadcast = buf[off + 1] == BROADCAST_DIRECTIVE;
      if (tab > off + 2) {
        if (indexOf(buf, BACKSLASH, off + 2, tab) >= 0) {
          throw new MalformedLineException("a stream name cannot hold a backslash");
        }
        stream = new String(buf, off + 2, tab - off - 2, StandardCharsets.UTF_8);
      }
      recordStart = tab + 1;
    }
    int firstTab = indexOf(buf, TAB, recordStart, end);
    if (firstTab < 0) {
      return new Line(broadcast, stream, unescape(buf, recordStart, end), Record.EMPTY, Record.EMPTY);
    }
    int secondTab = indexOf(buf, TAB, firstTab + 1, end);
    if (secondTab < 0) {
      return new Line(broadcast, stream, unescape(buf, recordStart, firstTab), Record.EMPTY,
          unescape(buf, firstTab + 1, end));
    }
    if (indexOf(buf, TAB, secondTab + 1, end) >= 0) {
      throw new MalformedLineException("more than " + MAX_RECORD_FIELDS + " tab-separated fields (a tab inside a field is written \\t)");
    }
    return new Line(broadcast, stream, unescape(buf, recordStart, firstTab), unescape(buf, firstTab + 1, secondTab),
        unescape(buf, secondTab + 1, end));
  }

  /** Decodes one field's escapes. */
  public static byte[] unescape(byte[] buf, int from, int to) {
    int firstEscape = indexOf(buf, BACKSLASH, from, to);
    if (firstEscape < 0) {
      return from == to ? Record.EMPTY : Arrays.copyOfRange(buf, from, to);
    }
    byte[] out = new byte[to - from];
    int n = firstEscape - from;
    System.arraycopy(buf, from, out, 0, n);
    for (int i = firstEscape; i < to; i++) {
      byte b = buf[i];
      if (b != BACKSLASH) {
        out[n++] = b;
        continue;
      }
      if (++i == to) {
        throw new MalformedLineException("a field ends in a lone backslash (a backslash is written \\\\)");
      }
      out[n++] = switch (buf[i]) {
        case 't' -> TAB;
        case 'n' -> NEWLINE;
        case 'r' -> '\r';
        case BACKSLASH -> BACKSLASH;
        default -> throw new MalformedLineException("unknown escape \\" + (char) (buf[i] & 0xff)
            + " (only \\t, \\n, \\r and \\\\ exist; a backslash is written \\\\)");
      };
    }
    return Arrays.copyOf(out, n);
  }

  private static int indexOf(byte[] buf, byte b, int from, int to) {
    for (int i = from; i < to; i++) {
      if (buf[i] == b) {
        return i;
      }
    }
    return -1;
  }
}
