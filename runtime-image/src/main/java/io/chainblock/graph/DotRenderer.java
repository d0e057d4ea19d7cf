package io.chainblock.graph;

/** The graph in Graphviz DOT, left to right: {@code dot -Tpng} draws it. */
public final class DotRenderer {
  private static final String FONT = "Helvetica,Arial,sans-serif";

  private DotRenderer() {}

  public static String render(PipelineGraph graph) {
    StringBuilder out = new StringBuilder();
    out.append("digraph ").append(quote(graph.name())).append(" {\n");
    out.append("  rankdir=LR;\n");
    out.append("  node [fontname=").append(quote(FONT)).append(", fontsize=12];\n");
    out.append("  edge [fontname=").append(quote(FONT)).append(", fontsize=10];\n");
    for (PipelineGraph.Node node : graph.nodes()) {
      out.append("  ").append(quote(node.id())).append(" [")
          .append(switch (node.kind()) {
            case BLOCK -> "shape=box, style=rounded";
            case SOURCE_DISK -> "shape=cylinder";
            case OUTPUT_DISK -> "shape=cylinder, style=filled, fillcolor=\"#e3f4e5\"";
          })
          .append(", label=\"").append(label(node)).append("\"];\n");
    }
    for (PipelineGraph.Edge edge : graph.edges()) {
      out.append("  ").append(quote(edge.from())).append(" -> ").append(quote(edge.to()));
      if (!edge.label().isEmpty()) {
        out.append(" [label=").append(quote(edge.label())).append(']');
      }
      out.append(";\n");
    }
    return out.append("}\n").toString();
  }

  private static String label(PipelineGraph.Node node) {
    StringBuilder label = new StringBuilder(escape(node.title()));
    node.details().forEach(line -> label.append("\\n").append(escape(line)));
    return label.toString();
  }

  private static String quote(String text) {
    return "\"" + escape(text) + "\"";
  }

  private static String escape(String text) {
    return text.replace("\\", "\\\\").replace("\"", "\\\"");
  }
}
