package io.chainblock.graph;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * Places the nodes of a graph in columns and rows. A node's column is the length of the longest
 * path reaching it from a node without inputs, so data always flows to the right. Within a column,
 * nodes are ordered by the mean row of their neighbours (a few sweeps left to right and back),
 * which untangles the usual pipelines; ties keep spec order. An edge that skips columns passes
 * through a waypoint in each column it crosses, and waypoints take part in the ordering, so long
 * edges run between nodes instead of through them.
 */
final class LayeredLayout {
  private static final int SWEEPS = 2;

  private static final String WAYPOINT_PREFIX = "~";

  /**
   * Column and row of every node and waypoint by id, the ids of each column top to bottom, and
   * for each edge (by index in the graph) the waypoints it passes, left to right.
   */
  record Placement(Map<String, Integer> column, Map<String, Integer> row, List<List<String>> columns,
      List<List<String>> waypoints) {
    static boolean isWaypoint(String id) {
      return id.startsWith(WAYPOINT_PREFIX);
    }
  }

  private LayeredLayout() {}

  static Placement of(PipelineGraph graph) {
    Map<String, List<String>> upstream = new HashMap<>();
    for (PipelineGraph.Node node : graph.nodes()) {
      upstream.put(node.id(), new ArrayList<>());
    }
    graph.edges().forEach(edge -> upstream.get(edge.to()).add(edge.from()));
    Map<String, Integer> column = new HashMap<>();
    graph.nodes().forEach(node -> columnOf(node.id(), upstream, column));
    int columnCount = column.values().stream().mapToInt(Integer::intValue).max().orElse(-1) + 1;
    List<List<String>> columns = new ArrayList<>();
    for (int i = 0; i < columnCount; i++) {
      columns.add(new ArrayList<>());
    }
    graph.nodes().forEach(node -> columns.get(column.get(node.id())).add(node.id()));

    // From here on, neighbours are one column apart: long edges are chains through waypoints.
    upstream.clear();
    Map<String, List<String>> downstream = new HashMap<>();
    graph.nodes().forEach(node -> {
      upstream.put(node.id(), new ArrayList<>());
      downstream.put(node.id(), new ArrayList<>());
    });
    List<List<String>> waypoints = new ArrayList<>();
    for (int e = 0; e < graph.edges().size(); e++) {
      PipelineGraph.Edge edge = graph.edges().get(e);
      List<String> passes = new ArrayList<>();
      String previous = edge.from();
      for (int c = column.get(edge.from()) + 1; c < column.get(edge.to()); c++) {
        String waypoint = WAYPOINT_PREFIX + e + WAYPOINT_PREFIX + c;
        column.put(waypoint, c);
        columns.get(c).add(waypoint);
        upstream.put(waypoint, new ArrayList<>());
        downstream.put(waypoint, new ArrayList<>());
        link(previous, waypoint, upstream, downstream);
        passes.add(waypoint);
        previous = waypoint;
      }
      link(previous, edge.to(), upstream, downstream);
      waypoints.add(List.copyOf(passes));
    }

    Map<String, Integer> row = new HashMap<>();
    columns.forEach(nodes -> number(nodes, row));
    for (int sweep = 0; sweep < SWEEPS; sweep++) {
      for (int i = 1; i < columnCount; i++) {
        reorder(columns.get(i), upstream, row);
      }
      for (int i = columnCount - 2; i >= 0; i--) {
        reorder(columns.get(i), downstream, row);
      }
    }
    return new Placement(column, row, columns, waypoints);
  }

  private static void link(String from, String to, Map<String, List<String>> upstream,
      Map<String, List<String>> downstream) {
    upstream.get(to).add(from);
    downstream.get(from).add(to);
  }

  // Recursion depth is bounded by the number of blocks, which is small; the graph has no cycle.
  private static int columnOf(String id, Map<String, List<String>> upstream, Map<String, Integer> column) {
    Integer known = column.get(id);
    if (known != null) {
      return known;
    }
    int value = upstream.get(id).stream().mapToInt(from -> columnOf(from, upstream, column) + 1).max().orElse(0);
    column.put(id, value);
    return value;
  }

  private static void reorder(List<String> nodes, Map<String, List<String>> neighbours, Map<String, Integer> row) {
    Map<String, Double> weight = new HashMap<>();
    for (String node : nodes) {
      OptionalDouble mean = neighbours.get(node).stream().mapToInt(row::get).average();
      weight.put(node, mean.isPresent() ? mean.getAsDouble() : row.get(node));
    }
    nodes.sort(Comparator.comparingDouble(weight::get));
    number(nodes, row);
  }

  private static void number(List<String> nodes, Map<String, Integer> row) {
    for (int i = 0; i < nodes.size(); i++) {
      row.put(nodes.get(i), i);
    }
  }
}
