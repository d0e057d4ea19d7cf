package io.chainblock.graph;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The graph as a standalone SVG picture: blocks as rounded boxes (name, shards, function), Disks
 * as cylinders (sources amber, the output green), data flow as curved arrows from left to right
 * with the stream name on edges that carry a named stream. All coordinates are whole numbers so
 * the same pipeline always gives the same bytes.
 */
public final class SvgRenderer {
  private static final String FONT = "Helvetica, Arial, sans-serif";
  private static final int MARGIN = 24;
  private static final int TITLE_HEIGHT = 40;
  private static final int ROW_GAP = 28;
  private static final int MIN_COLUMN_GAP = 64;
  private static final int MIN_NODE_WIDTH = 120;
  private static final int PADDING = 14;
  private static final int TITLE_SIZE = 15;
  private static final int DETAIL_SIZE = 12;
  private static final int LABEL_SIZE = 11;
  private static final int TITLE_LINE = 20;
  private static final int DETAIL_LINE = 16;
  private static final int DISK_RIM = 8;
  private static final int WAYPOINT_HEIGHT = 12;

  private SvgRenderer() {}

  private record Box(int x, int y, int width, int height) {
    int centerX() {
      return x + width / 2;
    }

    int centerY() {
      return y + height / 2;
    }
  }

  public static String render(PipelineGraph graph) {
    LayeredLayout.Placement placement = LayeredLayout.of(graph);
    Map<String, PipelineGraph.Node> nodes = new HashMap<>();
    graph.nodes().forEach(node -> nodes.put(node.id(), node));
    int columnGap = Math.max(MIN_COLUMN_GAP, graph.edges().stream()
        .mapToInt(edge -> textWidth(edge.label(), LABEL_SIZE, false) + 40).max().orElse(0));

    Map<String, Box> boxes = new HashMap<>();
    int tallest = placement.columns().stream().mapToInt(column -> columnHeight(column, nodes)).max().orElse(0);
    int x = MARGIN;
    for (List<String> column : placement.columns()) {
      int columnWidth = column.stream().mapToInt(id -> width(nodes.get(id))).max().orElse(0);
      int y = MARGIN + TITLE_HEIGHT + (tallest - columnHeight(column, nodes)) / 2;
      for (String id : column) {
        int width = nodes.containsKey(id) ? width(nodes.get(id)) : columnWidth;
        int height = height(nodes.get(id));
        boxes.put(id, new Box(x + (columnWidth - width) / 2, y, width, height));
        y += height + ROW_GAP;
      }
      x += columnWidth + columnGap;
    }
    int totalWidth = Math.max(x - columnGap + MARGIN, textWidth(graph.name(), 18, true) + 2 * MARGIN);
    int totalHeight = MARGIN + TITLE_HEIGHT + tallest + MARGIN;

    StringBuilder svg = new StringBuilder();
    svg.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
        .append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(totalWidth)
        .append("\" height=\"").append(totalHeight).append("\" viewBox=\"0 0 ").append(totalWidth).append(' ')
        .append(totalHeight).append("\" font-family=\"").append(FONT).append("\">\n")
        .append("  <title>").append(Xml.escape("Pipeline " + graph.name())).append("</title>\n")
        .append("  <defs>\n")
        .append("    <marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\"")
        .append(" markerHeight=\"7\" orient=\"auto\"><path d=\"M 0 0 L 10 5 L 0 10 z\" fill=\"#5b6470\"/></marker>\n")
        .append("  </defs>\n")
        .append("  <rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n")
        .append("  <text x=\"").append(MARGIN).append("\" y=\"").append(MARGIN + 18)
        .append("\" font-size=\"18\" font-weight=\"bold\" fill=\"#1f2933\">").append(Xml.escape(graph.name()))
        .append("</text>\n");
    for (int e = 0; e < graph.edges().size(); e++) {
      PipelineGraph.Edge edge = graph.edges().get(e);
      List<Box> stops = new ArrayList<>();
      stops.add(boxes.get(edge.from()));
      placement.waypoints().get(e).forEach(waypoint -> stops.add(boxes.get(waypoint)));
      stops.add(boxes.get(edge.to()));
      edge(svg, stops);
    }
    for (int e = 0; e < graph.edges().size(); e++) {
      PipelineGraph.Edge edge = graph.edges().get(e);
      if (!edge.label().isEmpty()) {
        List<String> waypoints = placement.waypoints().get(e);
        Box next = boxes.get(waypoints.isEmpty() ? edge.to() : waypoints.get(0));
        edgeLabel(svg, boxes.get(edge.from()), next, edge.label());
      }
    }
    for (PipelineGraph.Node node : graph.nodes()) {
      node(svg, node, boxes.get(node.id()));
    }
    return svg.append("</svg>\n").toString();
  }

  /** One curve per gap between columns, straight lines across the columns a long edge passes. */
  private static void edge(StringBuilder svg, List<Box> stops) {
    Box first = stops.get(0);
    svg.append("  <path d=\"M ").append(first.x() + first.width()).append(' ').append(first.centerY());
    for (int i = 1; i < stops.size(); i++) {
      Box from = stops.get(i - 1);
      Box to = stops.get(i);
      int x1 = from.x() + from.width();
      int y1 = from.centerY();
      int x2 = to.x();
      int y2 = to.centerY();
      int bend = (x2 - x1) / 2;
      svg.append(" C ").append(x1 + bend).append(' ').append(y1).append(", ")
          .append(x2 - bend).append(' ').append(y2).append(", ").append(x2).append(' ').append(y2);
      if (i < stops.size() - 1) {
        svg.append(" L ").append(to.x() + to.width()).append(' ').append(y2);
      }
    }
    svg.append("\" fill=\"none\" stroke=\"#5b6470\" stroke-width=\"1.5\" marker-end=\"url(#arrow)\"/>\n");
  }

  private static void edgeLabel(StringBuilder svg, Box from, Box to, String label) {
    int cx = (from.x() + from.width() + to.x()) / 2;
    int cy = (from.centerY() + to.centerY()) / 2;
    int width = textWidth(label, LABEL_SIZE, false) + 10;
    svg.append("  <rect x=\"").append(cx - width / 2).append("\" y=\"").append(cy - 9).append("\" width=\"")
        .append(width).append("\" height=\"18\" rx=\"4\" fill=\"#ffffff\" stroke=\"#c5cbd3\"/>\n")
        .append("  <text x=\"").append(cx).append("\" y=\"").append(cy + 4)
        .append("\" text-anchor=\"middle\" font-size=\"").append(LABEL_SIZE)
        .append("\" font-style=\"italic\" fill=\"#3d4550\">").append(Xml.escape(label)).append("</text>\n");
  }

  private static void node(StringBuilder svg, PipelineGraph.Node node, Box box) {
    int textTop;
    switch (node.kind()) {
      case BLOCK -> {
        svg.append("  <rect x=\"").append(box.x()).append("\" y=\"").append(box.y()).append("\" width=\"")
            .append(box.width()).append("\" height=\"").append(box.height())
            .append("\" rx=\"10\" fill=\"#eef3fb\" stroke=\"#4a6fa5\" stroke-width=\"1.5\"/>\n");
        textTop = box.y() + 12;
      }
      case SOURCE_DISK -> {
        cylinder(svg, box, "#fff4df", "#b7832f");
        textTop = box.y() + 2 * DISK_RIM + 6;
      }
      case OUTPUT_DISK -> {
        cylinder(svg, box, "#e3f4e5", "#3f8f4f");
        textTop = box.y() + 2 * DISK_RIM + 6;
      }
      default -> throw new IllegalStateException("unknown node kind " + node.kind());
    }
    int baseline = textTop + TITLE_SIZE;
    svg.append("  <text x=\"").append(box.centerX()).append("\" y=\"").append(baseline)
        .append("\" text-anchor=\"middle\" font-size=\"").append(TITLE_SIZE)
        .append("\" font-weight=\"bold\" fill=\"#1f2933\">").append(Xml.escape(node.title())).append("</text>\n");
    for (String line : node.details()) {
      baseline += DETAIL_LINE;
      svg.append("  <text x=\"").append(box.centerX()).append("\" y=\"").append(baseline)
          .append("\" text-anchor=\"middle\" font-size=\"").append(DETAIL_SIZE).append("\" fill=\"#3d4550\">")
          .append(Xml.escape(line)).append("</text>\n");
    }
  }

  private static void cylinder(StringBuilder svg, Box box, String fill, String stroke) {
    int rx = box.width() / 2;
    int side = box.height() - 2 * DISK_RIM;
    svg.append("  <path d=\"M ").append(box.x()).append(' ').append(box.y() + DISK_RIM)
        .append(" v ").append(side)
        .append(" a ").append(rx).append(' ').append(DISK_RIM).append(" 0 0 0 ").append(box.width()).append(" 0")
        .append(" v -").append(side)
        .append(" a ").append(rx).append(' ').append(DISK_RIM).append(" 0 0 0 -").append(box.width()).append(" 0 z")
        .append("\" fill=\"").append(fill).append("\" stroke=\"").append(stroke).append("\" stroke-width=\"1.5\"/>\n")
        .append("  <ellipse cx=\"").append(box.centerX()).append("\" cy=\"").append(box.y() + DISK_RIM)
        .append("\" rx=\"").append(rx).append("\" ry=\"").append(DISK_RIM).append("\" fill=\"").append(fill)
        .append("\" stroke=\"").append(stroke).append("\" stroke-width=\"1.5\"/>\n");
  }

  private static int columnHeight(List<String> column, Map<String, PipelineGraph.Node> nodes) {
    return column.stream().mapToInt(id -> height(nodes.get(id))).sum() + ROW_GAP * Math.max(0, column.size() - 1);
  }

  // A waypoint of a long edge has no node: it takes no width and a thin row.
  private static int width(PipelineGraph.Node node) {
    if (node == null) {
      return 0;
    }
    int text = textWidth(node.title(), TITLE_SIZE, true);
    for (String line : node.details()) {
      text = Math.max(text, textWidth(line, DETAIL_SIZE, false));
    }
    return Math.max(MIN_NODE_WIDTH, text + 2 * PADDING);
  }

  private static int height(PipelineGraph.Node node) {
    if (node == null) {
      return WAYPOINT_HEIGHT;
    }
    int text = TITLE_LINE + DETAIL_LINE * node.details().size();
    return node.kind() == PipelineGraph.Kind.BLOCK ? text + 22 : text + 2 * DISK_RIM + 12;
  }

  // No font metrics without a renderer: an average glyph is about 0.55 em (0.62 in bold).
  private static int textWidth(String text, int fontSize, boolean bold) {
    return (int) Math.ceil(text.codePointCount(0, text.length()) * fontSize * (bold ? 0.62 : 0.56));
  }
}
