package io.chainblock.graph;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The graph as a Mermaid flowchart, left to right, for Markdown pages that render Mermaid. */
public final class MermaidRenderer {
  private MermaidRenderer() {}

  public static String render(PipelineGraph graph) {
    // Mermaid ids are kept short and safe (n0, n1, ...); names of any shape go in the labels.
    Map<String, String> ids = new HashMap<>();
    StringBuilder out = new StringBuilder("flowchart LR\n");
    for (PipelineGraph.Node node : graph.nodes()) {
      String id = "n" + ids.size();
      ids.put(node.id(), id);
      String label = "\"" + escape(node.title()) + lines(node.details()) + "\"";
      String shape = node.kind() == PipelineGraph.Kind.BLOCK ? "(" + label + ")" : "[(" + label + ")]";
      out.append("  ").append(id).append(shape).append('\n');
    }
    for (PipelineGraph.Edge edge : graph.edges()) {
      out.append("  ").append(ids.get(edge.from()))
          .append(edge.label().isEmpty() ? " --> " : " -->|\"" + escape(edge.label()) + "\"| ")
          .append(ids.get(edge.to())).append('\n');
    }
    return out.toString();
  }

  private static String lines(List<String> details) {
    StringBuilder text = new StringBuilder();
    details.forEach(line -> text.append("<br/>").append(escape(line)));
    return text.toString();
  }

  private static String escape(String text) {
    return text.replace("#", "#35;").replace("\"", "#quot;").replace("<", "#lt;").replace(">", "#gt;");
  }
}
