import java.io.BufferedOutputStream;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * Data for the Chainblock benchmarks, and the streaming check of the external sort's output.
 *
 * <pre>
 *   BenchData text    SIZE_BYTES SEED OUT   Zipf-distributed English-like text
 *   BenchData records SIZE_BYTES SEED OUT   KEY&lt;TAB&gt;VALUE lines for the external sort
 *   BenchData verify  [--sorted] FILE...    record count, bytes and an order-independent hash
 * </pre>
 *
 * Output depends only on (SIZE, SEED): the random generator, the reductions to a range and the
 * floating point are all written here (SplitMix64, StrictMath) so that no JDK upgrade changes a
 * cached data set. A file stops at the last whole line that fits in SIZE, so a smaller size with
 * the same seed is a prefix of a larger one.
 */
public final class BenchData {

    private static final int VOCABULARY = 100_000;
    private static final double ZIPF_EXPONENT = 1.0;
    private static final int BUFFER = 1 << 20;

    private BenchData() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length >= 1 && args[0].equals("text") && args.length == 4) {
            text(Long.parseLong(args[1]), Long.parseLong(args[2]), args[3]);
        } else if (args.length >= 1 && args[0].equals("records") && args.length == 4) {
            records(Long.parseLong(args[1]), Long.parseLong(args[2]), args[3]);
        } else if (args.length >= 2 && args[0].equals("verify")) {
            boolean sorted = args[1].equals("--sorted");
            String[] files = Arrays.copyOfRange(args, sorted ? 2 : 1, args.length);
            System.exit(verify(sorted, files) ? 0 : 1);
        } else {
            System.err.println("usage: BenchData text|records SIZE_BYTES SEED OUT"
                    + " | BenchData verify [--sorted] FILE...");
            System.exit(2);
        }
    }

    /** SplitMix64: tiny, fast, and fully specified here, unlike java.util's generators. */
    static final class Rng {
        private long state;

        Rng(long seed) {
            state = seed;
        }

        long nextLong() {
            long z = (state += 0x9E3779B97F4A7C15L);
            z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
            z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
            return z ^ (z >>> 31);
        }

        /** Uniform in [0, bound); the multiply-shift bias (&lt; bound / 2^32) is irrelevant here. */
        int nextInt(int bound) {
            return (int) (((nextLong() >>> 32) * bound) >>> 32);
        }

        double nextDouble() {
            return (nextLong() >>> 11) * 0x1.0p-53;
        }
    }

    // ---------------------------------------------------------------- text

    /** Rank-ordered vocabulary: rank 0 is the most frequent word. */
    static byte[][] vocabulary(Rng rng) {
        String letters = "etaoinshrdlcumwfgypbvkjxqz";
        // Roughly English letter frequencies, so words look like words and hash like words.
        int[] weights = {127, 91, 82, 75, 70, 67, 63, 61, 60, 43, 40, 28, 28, 24, 24, 22, 20, 20,
            19, 15, 10, 8, 2, 2, 1, 1};
        int total = Arrays.stream(weights).sum();
        Set<String> seen = new HashSet<>();
        byte[][] words = new byte[VOCABULARY][];
        int n = 0;
        StringBuilder sb = new StringBuilder();
        while (n < VOCABULARY) {
            sb.setLength(0);
            int kind = rng.nextInt(100);
            if (kind < 3) {
                // Numbers: years, counts, the odd long identifier.
                int len = 2 + rng.nextInt(5);
                for (int i = 0; i < len; i++) {
                    sb.append((char) ('0' + rng.nextInt(10)));
                }
            } else {
                // Short words dominate, as they do in real text (and in Zipf's head).
                int len = 3 + rng.nextInt(4) + rng.nextInt(4) + rng.nextInt(3);
                if (rng.nextInt(50) == 0) {
                    len = 1 + rng.nextInt(2);
                }
                for (int i = 0; i < len; i++) {
                    int pick = rng.nextInt(total);
                    int j = 0;
                    while (pick >= weights[j]) {
                        pick -= weights[j++];
                    }
                    sb.append(letters.charAt(j));
                }
                if (kind < 5) {
                    // Alphanumeric tokens (mp3, x86, b2b): digits inside a word keep it one word.
                    sb.insert(1 + rng.nextInt(sb.length()), (char) ('0' + rng.nextInt(10)));
                } else if (kind < 15) {
                    sb.setCharAt(0, Character.toUpperCase(sb.charAt(0)));
                } else if (kind < 17) {
                    for (int i = 0; i < sb.length(); i++) {
                        sb.setCharAt(i, Character.toUpperCase(sb.charAt(i)));
                    }
                } else if (kind < 18 && sb.length() > 3) {
                    sb.setCharAt(0, Character.toUpperCase(sb.charAt(0)));
                    sb.setCharAt(2, Character.toUpperCase(sb.charAt(2)));
                }
            }
            // Case variants of one word are distinct vocabulary entries on purpose: tokenize
            // must fold them, and every implementation is checked on that.
            if (seen.add(sb.toString())) {
                words[n++] = sb.toString().getBytes(StandardCharsets.US_ASCII);
            }
        }
        // Frequent words are short in real text: rank by length, jittered so that ranks of one
        // length still interleave with the next. Keys are precomputed for a deterministic sort.
        long[] order = new long[VOCABULARY];
        for (int i = 0; i < VOCABULARY; i++) {
            order[i] = ((long) (words[i].length * 4 + rng.nextInt(48)) << 32) | i;
        }
        Arrays.sort(order);
        byte[][] ranked = new byte[VOCABULARY][];
        for (int i = 0; i < VOCABULARY; i++) {
            ranked[i] = words[(int) order[i]];
        }
        return ranked;
    }

    /** Walker/Vose alias table: O(1) Zipf sampling, which the generator's speed depends on. */
    static final class Alias {
        final double[] prob;
        final int[] alias;

        Alias(double[] weights) {
            int n = weights.length;
            prob = new double[n];
            alias = new int[n];
            double sum = 0;
            for (double w : weights) {
                sum += w;
            }
            double[] scaled = new double[n];
            int[] small = new int[n];
            int[] large = new int[n];
            int ns = 0;
            int nl = 0;
            for (int i = 0; i < n; i++) {
                scaled[i] = weights[i] * n / sum;
                if (scaled[i] < 1.0) {
                    small[ns++] = i;
                } else {
                    large[nl++] = i;
                }
            }
            while (ns > 0 && nl > 0) {
                int s = small[--ns];
                int l = large[--nl];
                prob[s] = scaled[s];
                alias[s] = l;
                scaled[l] = scaled[l] + scaled[s] - 1.0;
                if (scaled[l] < 1.0) {
                    small[ns++] = l;
                } else {
                    large[nl++] = l;
                }
            }
            while (nl > 0) {
                prob[large[--nl]] = 1.0;
            }
            while (ns > 0) {
                prob[small[--ns]] = 1.0;
            }
        }

        int sample(Rng rng) {
            int i = rng.nextInt(prob.length);
            return rng.nextDouble() < prob[i] ? i : alias[i];
        }
    }

    private static byte[][] bytes(String... s) {
        byte[][] b = new byte[s.length][];
        for (int i = 0; i < s.length; i++) {
            b[i] = s[i].getBytes(StandardCharsets.US_ASCII);
        }
        return b;
    }

    /** Separators repeated by weight: a plain space most of the time, punctuation otherwise. */
    private static final byte[][] SEPARATORS = bytes(
            " ", " ", " ", " ", " ", " ", " ", " ", " ", " ", " ", " ", " ", " ", " ", " ",
            " ", " ", " ", " ", " ", " ", " ", " ", ", ", ", ", ", ", ". ", ". ", "; ", ": ",
            " - ", "! ", "? ", " (", ") ", " \"", "\" ", "'", "--", "/", " & ", "_", " #");
    /** Lines that open with a separator give tr's pipeline its empty first token. */
    private static final byte[][] LINE_STARTS = bytes("\"", "(", "- ", "'", "  ", "* ");
    private static final byte[][] LINE_ENDS = bytes(".", ".", ".", ".", "!", "?", ":", ",",
            "\"", ")", "", "", "", "", "", "");

    static void text(long size, long seed, String out) throws IOException {
        Rng rng = new Rng(seed);
        byte[][] words = vocabulary(rng);
        double[] weights = new double[VOCABULARY];
        for (int r = 0; r < VOCABULARY; r++) {
            weights[r] = 1.0 / StrictMath.pow(r + 1, ZIPF_EXPONENT);
        }
        Alias zipf = new Alias(weights);
        byte[] line = new byte[1024];
        long written = 0;
        try (OutputStream os = new BufferedOutputStream(new FileOutputStream(out), BUFFER)) {
            while (true) {
                int target = 60 + rng.nextInt(61);
                int len = 0;
                if (rng.nextInt(20) == 0) {
                    len = put(line, len, LINE_STARTS[rng.nextInt(LINE_STARTS.length)]);
                }
                while (true) {
                    len = put(line, len, words[zipf.sample(rng)]);
                    if (len >= target) {
                        len = put(line, len, LINE_ENDS[rng.nextInt(LINE_ENDS.length)]);
                        break;
                    }
                    len = put(line, len, SEPARATORS[rng.nextInt(SEPARATORS.length)]);
                }
                line[len++] = '\n';
                if (written + len > size) {
                    break;
                }
                os.write(line, 0, len);
                written += len;
            }
        }
    }

    private static int put(byte[] dst, int at, byte[] src) {
        System.arraycopy(src, 0, dst, at, src.length);
        return at + src.length;
    }

    // ---------------------------------------------------------------- records

    static void records(long size, long seed, String out) throws IOException {
        Rng rng = new Rng(seed);
        // Printable ASCII without backslash (and, for keys, without space): the streaming record
        // format escapes backslash, and a record must come out byte for byte as it went in.
        byte[] keyChars = new byte[93];
        byte[] valueChars = new byte[94];
        int k = 0;
        int v = 0;
        for (int c = 0x20; c <= 0x7E; c++) {
            if (c == '\\') {
                continue;
            }
            valueChars[v++] = (byte) c;
            if (c != ' ') {
                keyChars[k++] = (byte) c;
            }
        }
        byte[] line = new byte[128];
        long written = 0;
        try (OutputStream os = new BufferedOutputStream(new FileOutputStream(out), BUFFER)) {
            while (true) {
                int len = 0;
                int keyLen = 10 + rng.nextInt(11);
                for (int i = 0; i < keyLen; i++) {
                    line[len++] = keyChars[rng.nextInt(keyChars.length)];
                }
                line[len++] = '\t';
                int valueLen = 72 + rng.nextInt(17);
                for (int i = 0; i < valueLen; i++) {
                    line[len++] = valueChars[rng.nextInt(valueChars.length)];
                }
                line[len++] = '\n';
                if (written + len > size) {
                    break;
                }
                os.write(line, 0, len);
                written += len;
            }
        }
    }

    // ---------------------------------------------------------------- verify

    private static final VarHandle LONGS =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long P1 = 0x9E3779B185EBCA87L;
    private static final long P2 = 0xC2B2AE3D27D4EB4FL;

    static long fmix(long h) {
        h ^= h >>> 33;
        h *= 0xFF51AFD7ED558CCDL;
        h ^= h >>> 33;
        h *= 0xC4CEB9FE1A85EC53L;
        return h ^ (h >>> 33);
    }

    /** A 64-bit hash of one line (xxHash64-style rounds, murmur finaliser). */
    static long hash(byte[] b, int from, int to) {
        long h = P2 ^ ((to - from) * P1);
        int i = from;
        for (; i + 8 <= to; i += 8) {
            long k = (long) LONGS.get(b, i) * P2;
            h ^= Long.rotateLeft(k, 31) * P1;
            h = Long.rotateLeft(h, 27) * P1 + 0x85EBCA77C2B2AE63L;
        }
        long tail = 0;
        for (int s = 0; i < to; i++, s += 8) {
            tail |= (b[i] & 0xFFL) << s;
        }
        h ^= Long.rotateLeft(tail * P2, 31) * P1;
        return fmix(h);
    }

    /**
     * Prints the record count, the byte count and two sums of per-line hashes. The sums do not
     * depend on line order, so input and output compare as multisets in one streaming pass each,
     * far faster than sorting 4 GiB twice. With --sorted, also fails unless the keys (bytes
     * before the first tab) of each file are in unsigned byte order.
     */
    static boolean verify(boolean sorted, String[] files) throws IOException {
        long records = 0;
        long bytes = 0;
        long sum1 = 0;
        long sum2 = 0;
        boolean ok = true;
        byte[] buf = new byte[BUFFER];
        byte[] prevKey = new byte[256];
        for (String file : files) {
            int prevLen = -1;
            long lineNo = 0;
            try (InputStream in = new FileInputStream(file)) {
                int start = 0;
                int end = 0;
                boolean eof = false;
                while (true) {
                    int nl = -1;
                    for (int i = start; i < end; i++) {
                        if (buf[i] == '\n') {
                            nl = i;
                            break;
                        }
                    }
                    if (nl < 0) {
                        if (eof) {
                            if (start < end) {
                                System.err.printf("verify: %s: last line has no newline%n", file);
                                ok = false;
                                nl = end;
                            } else {
                                break;
                            }
                        } else {
                            if (start > 0) {
                                System.arraycopy(buf, start, buf, 0, end - start);
                                end -= start;
                                start = 0;
                            } else if (end == buf.length) {
                                buf = Arrays.copyOf(buf, buf.length * 2);
                            }
                            int n = in.read(buf, end, buf.length - end);
                            if (n < 0) {
                                eof = true;
                            } else {
                                end += n;
                            }
                            continue;
                        }
                    }
                    lineNo++;
                    records++;
                    bytes += nl - start + 1;
                    long h = hash(buf, start, nl);
                    sum1 += h;
                    sum2 += fmix(h ^ 0x5851F42D4C957F2DL);
                    if (sorted) {
                        int keyEnd = start;
                        while (keyEnd < nl && buf[keyEnd] != '\t') {
                            keyEnd++;
                        }
                        int keyLen = keyEnd - start;
                        if (prevLen >= 0 && ok && Arrays.compareUnsigned(
                                prevKey, 0, prevLen, buf, start, keyEnd) > 0) {
                            System.err.printf("verify: %s:%d: key out of order%n", file, lineNo);
                            ok = false;
                        }
                        if (keyLen > prevKey.length) {
                            prevKey = new byte[keyLen * 2];
                        }
                        System.arraycopy(buf, start, prevKey, 0, keyLen);
                        prevLen = keyLen;
                    }
                    start = Math.min(nl + 1, end);
                    if (nl == end) {
                        break;
                    }
                }
            }
        }
        System.out.printf("records=%d bytes=%d hash=%016x%016x%n", records, bytes, sum1, sum2);
        return ok;
    }
}
