package io.chainblock.graph;

import static org.assertj.core.api.Assertions.assertThat;

import io.chainblock.engine.plan.PipelineFile;
import io.chainblock.engine.plan.PipelineFileException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

class GraphRenderersTest {
  private static final String LOG_REPORT = """
      apiVersion: chainblock.io/v1alpha1
      kind: ChainPipeline
      metadata: {name: log-report}
      spec:
        blocks:
          - name: parse
            shards: 3
            parallelism: 2
            source: {disk: logs}
            function: {class: com.example.logs.ParseLine}
          - name: errors
            shards: 2
            inputs: [parse.errors]
            function: {builtin: grep, args: {pattern: 'timeout|refused'}}
          - name: by-host
            shards: 2
            inputs: [parse]
            function: {builtin: count}
          - name: top-errors
            inputs: [errors]
            function: {command: [sh, -c, 'sort -k2 -nr | head -20']}
          - name: report
            inputs: [by-host, top-errors]
            function: {builtin: concat}
        output: {disk: report, format: lines}
      """;

  @Test
  void mermaid() throws PipelineFileException {
    assertThat(MermaidRenderer.render(logReport())).isEqualTo("""
        flowchart LR
          n0[("logs<br/>Disk")]
          n1("parse<br/>3 shards, 2 at a time<br/>ParseLine")
          n2("errors<br/>2 shards<br/>grep")
          n3("by-host<br/>2 shards<br/>count")
          n4("top-errors<br/>1 shard<br/>$ sh -c sort -k2 -nr | head…")
          n5("report<br/>1 shard<br/>concat")
          n6[("report<br/>output Disk")]
          n0 --> n1
          n1 -->|"errors"| n2
          n1 --> n3
          n2 --> n4
          n3 --> n5
          n4 --> n5
          n5 --> n6
        """);
  }

  @Test
  void dot() throws PipelineFileException {
    assertThat(DotRenderer.render(logReport())).isEqualTo("""
        digraph "log-report" {
          rankdir=LR;
          node [fontname="Helvetica,Arial,sans-serif", fontsize=12];
          edge [fontname="Helvetica,Arial,sans-serif", fontsize=10];
          "disk:logs" [shape=cylinder, label="logs\\nDisk"];
          "block:parse" [shape=box, style=rounded, label="parse\\n3 shards, 2 at a time\\nParseLine"];
          "block:errors" [shape=box, style=rounded, label="errors\\n2 shards\\ngrep"];
          "block:by-host" [shape=box, style=rounded, label="by-host\\n2 shards\\ncount"];
          "block:top-errors" [shape=box, style=rounded, label="top-errors\\n1 shard\\n$ sh -c sort -k2 -nr | head…"];
          "block:report" [shape=box, style=rounded, label="report\\n1 shard\\nconcat"];
          "output:report" [shape=cylinder, style=filled, fillcolor="#e3f4e5", label="report\\noutput Disk"];
          "disk:logs" -> "block:parse";
          "block:parse" -> "block:errors" [label="errors"];
          "block:parse" -> "block:by-host";
          "block:errors" -> "block:top-errors";
          "block:by-host" -> "block:report";
          "block:top-errors" -> "block:report";
          "block:report" -> "output:report";
        }
        """);
  }

  @Test
  void svgIsWellFormedAndNamesEveryBlock() throws Exception {
    String svg = SvgRenderer.render(logReport());

    Document document = DocumentBuilderFactory.newInstance()
        .newDocumentBuilder().parse(new InputSource(new StringReader(svg)));
    assertThat(document.getDocumentElement().getTagName()).isEqualTo("svg");
    assertThat(texts(document)).contains("log-report", "parse", "errors", "by-host", "top-errors", "report",
        "logs", "3 shards, 2 at a time", "grep");
    assertThat(document.getElementsByTagName("path").getLength()).as("one path per edge, one per disk, one arrowhead")
        .isEqualTo(7 + 2 + 1);
  }

  @Test
  void svgEscapesNamesThatAreNotXml() throws Exception {
    String svg = SvgRenderer.render(PipelineGraph.of(PipelineFile.parse("""
        apiVersion: chainblock.io/v1alpha1
        kind: ChainPipeline
        metadata: {name: "a<b>&'c\\""}
        spec:
          blocks: [{name: cat, source: {disk: in}, function: {command: [sh, -c, 'cat <&0 >&1']}}]
          output: {disk: out}
        """, "escape.yaml").pipeline()));

    Document document = DocumentBuilderFactory.newInstance()
        .newDocumentBuilder().parse(new InputSource(new StringReader(svg)));
    assertThat(texts(document)).contains("a<b>&'c\"", "$ sh -c cat <&0 >&1");
  }

  @Test
  void layoutPutsEveryNodeRightOfItsInputs() throws PipelineFileException {
    PipelineGraph graph = logReport();
    LayeredLayout.Placement placement = LayeredLayout.of(graph);

    assertThat(placement.column()).containsEntry("disk:logs", 0).containsEntry("block:parse", 1)
        .containsEntry("block:errors", 2).containsEntry("block:by-host", 2).containsEntry("block:top-errors", 3)
        .containsEntry("block:report", 4).containsEntry("output:report", 5);
    assertThat(placement.columns().get(2)).containsExactly("block:errors", "block:by-host");
  }

  private static PipelineGraph logReport() throws PipelineFileException {
    return PipelineGraph.of(PipelineFile.parse(LOG_REPORT, "log-report.yaml").pipeline());
  }

  private static List<String> texts(Document document) {
    NodeList nodes = document.getElementsByTagName("text");
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < nodes.getLength(); i++) {
      texts.add(nodes.item(i).getTextContent());
    }
    return texts;
  }
}
