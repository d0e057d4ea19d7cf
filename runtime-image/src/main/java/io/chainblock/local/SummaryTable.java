package io.chainblock.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The per-block table printed when a run ends: shards, records and bytes in and out, spills, seconds. */
public final class SummaryTable {
  private static final String[] HEADER = {"block", "shards", "records in", "records out", "bytes in", "bytes out",
      "spills", "seconds"};

  private static final ObjectMapper JSON = new ObjectMapper();

  private SummaryTable() {}

  public static void print(List<BlockProgress.View> blocks, PrintWriter out) {
    List<String[]> rows = new ArrayList<>();
    rows.add(HEADER);
    for (BlockProgress.View b : blocks) {
      String shards = b.succeeded() == b.shards() ? String.valueOf(b.shards()) : b.succeeded() + "/" + b.shards();
      rows.add(new String[] {b.name(), shards, Units.count(b.totals().recordsIn()), Units.count(b.totals().recordsOut()),
          Units.bytes(b.totals().bytesIn()), Units.bytes(b.totals().bytesOut()), Units.count(b.totals().spills()),
          Units.seconds(b.seconds())});
    }
    int[] width = new int[HEADER.length];
    for (String[] row : rows) {
      for (int i = 0; i < row.length; i++) {
        width[i] = Math.max(width[i], row[i].length());
      }
    }
    for (String[] row : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < row.length; i++) {
        if (i > 0) {
          line.append("  ");
        }
        // names read best left-aligned, numbers right-aligned so their digits line up
        String cell = i == 0 ? pad(row[i], width[i], false) : pad(row[i], width[i], true);
        line.append(cell);
      }
      out.println(line.toString().stripTrailing());
    }
    out.flush();
  }

  /** The same numbers, exact, for scripts and benchmarks. */
  public static void writeJson(String pipeline, boolean succeeded, double seconds, List<BlockProgress.View> blocks,
      Path file) throws IOException {
    ObjectNode json = JSON.createObjectNode();
    json.put("pipeline", pipeline);
    json.put("succeeded", succeeded);
    json.put("seconds", seconds);
    ArrayNode rows = json.putArray("blocks");
    for (BlockProgress.View b : blocks) {
      ObjectNode row = rows.addObject();
      row.put("name", b.name());
      row.put("shards", b.shards());
      row.put("succeeded", b.succeeded());
      row.put("recordsIn", b.totals().recordsIn());
      row.put("recordsOut", b.totals().recordsOut());
      row.put("bytesIn", b.totals().bytesIn());
      row.put("bytesOut", b.totals().bytesOut());
      row.put("spills", b.totals().spills());
      row.put("seconds", b.seconds());
    }
    JSON.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), json);
  }

  private static String pad(String s, int width, boolean right) {
    String fill = " ".repeat(width - s.length());
    return right ? fill + s : s + fill;
  }
}
