package io.chainblock.bench;

import java.util.ArrayList;
import java.util.List;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

import scala.Tuple2;

/**
 * The Spark baseline of the wordcount benchmark: the textbook RDD job, so the comparison is
 * against Spark as people use it, not against a tuned one-off.
 *
 * <p>Usage: {@code SparkWordCount INPUT OUTPUT_DIR [MASTER]}. OUTPUT_DIR receives Spark's
 * {@code part-*} files of {@code word<TAB>count} lines.
 */
public final class SparkWordCount {

    private SparkWordCount() {
    }

    /**
     * Chainblock's {@code tokenize}: maximal runs of letters or digits, lower-cased. Written on
     * chars with {@link Character#isLetterOrDigit(char)} like the engine's builtin, so both sides
     * pay for the same work and agree on every input, not just ASCII.
     */
    static List<String> tokenize(String line) {
        List<String> words = new ArrayList<>();
        int n = line.length();
        char[] buf = new char[n];
        int len = 0;
        for (int i = 0; i < n; i++) {
            char c = line.charAt(i);
            if (Character.isLetterOrDigit(c)) {
                buf[len++] = Character.toLowerCase(c);
            } else if (len > 0) {
                words.add(new String(buf, 0, len));
                len = 0;
            }
        }
        if (len > 0) {
            words.add(new String(buf, 0, len));
        }
        return words;
    }

    public static void main(String[] args) {
        if (args.length < 2 || args.length > 3) {
            System.err.println("usage: SparkWordCount INPUT OUTPUT_DIR [MASTER]");
            System.exit(2);
        }
        String master = args.length == 3 ? args[2] : "local[2]";
        SparkConf conf = new SparkConf()
                .setAppName("chainblock-bench-wordcount")
                .setMaster(master)
                // The UI costs startup time and a port; nobody looks at it during a benchmark.
                .set("spark.ui.enabled", "false");
        long start = System.nanoTime();
        try (JavaSparkContext sc = new JavaSparkContext(conf)) {
            sc.textFile(args[0])
                    .flatMap(line -> tokenize(line).iterator())
                    .mapToPair(word -> new Tuple2<>(word, 1L))
                    .reduceByKey(Long::sum)
                    .map(t -> t._1() + "\t" + t._2())
                    .saveAsTextFile(args[1]);
        }
        System.err.printf("spark-wordcount: %.2f s inside the JVM (master %s)%n",
                (System.nanoTime() - start) / 1e9, master);
    }
}
