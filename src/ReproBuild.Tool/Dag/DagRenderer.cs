using System.Text;

namespace ReproBuild.Tool.Dag;

/// <summary>
/// The three forms of <c>dag</c>'s answer: text for a terminal (each stage, dataset and model with what it reads and
/// what reads it), a Mermaid <c>flowchart LR</c> that GitHub renders in a README or a pull request, and JSON.
/// </summary>
internal static class DagRenderer
{
    public static string Text(PipelineGraph graph)
    {
        var text = new StringBuilder();
        text.Append("Pipeline of ").Append(graph.Project).Append(": ").Append(Counts(graph)).Append('\n');
        Section(text, graph, NodeKind.Stage, "Stages, in run order:", node =>
        [
            ("after", graph.Upstream(node).SelectMany(file => graph.Upstream(file.Node)).Where(p => p.Node.Kind == NodeKind.Stage).Select(p => p.Node.Label).Distinct()),
            ("reads", graph.Upstream(node).Where(p => p.Label is null).Select(p => p.Node.Label)),
            ("code", graph.Upstream(node).Where(p => p.Label == "code").Select(p => p.Node.Label)),
            ("writes", graph.Downstream(node).Select(p => p.Node.Label)),
        ]);
        Section(text, graph, NodeKind.Dataset, "Datasets:", node =>
        [
            ("written by", graph.Upstream(node).SelectMany(file => graph.Upstream(file.Node)).Select(p => $"stage {p.Node.Label}")),
            ("used by", graph.Downstream(node).Select(p => p.Label is null ? p.Node.Label : $"{p.Node.Label} ({p.Label})")),
        ]);
        Section(text, graph, NodeKind.Model, "Models:", node =>
        [
            ("trains on", graph.Upstream(node).Where(p => p.Label is null).Select(p => p.Node.Label)),
            ("tests on", graph.Upstream(node).Where(p => p.Label == "test").Select(p => p.Node.Label)),
            ("gates", graph.Downstream(node).Select(p => $"{p.Node.Label} ({p.Node.Detail})")),
        ]);
        return text.ToString();
    }

    public static string Mermaid(PipelineGraph graph)
    {
        var text = new StringBuilder("```mermaid\nflowchart LR\n");
        foreach (var node in graph.Nodes)
        {
            var label = Quote(node.Label);
            text.Append("  ").Append(node.Id).Append(node.Kind switch
            {
                NodeKind.File => $"[/{label}/]",
                NodeKind.Stage => $"[[{label}]]",
                NodeKind.Dataset => $"[({label})]",
                NodeKind.Model => $"([{label}])",
                _ => $"{{{{{label}}}}}",
            }).Append('\n');
        }
        foreach (var edge in graph.Edges)
        {
            text.Append("  ").Append(edge.From).Append(edge.Label is null ? " --> " : $" -->|{Quote(edge.Label)}| ").Append(edge.To).Append('\n');
        }
        foreach (var kind in Enum.GetValues<NodeKind>())
        {
            var ids = graph.OfKind(kind).Select(n => n.Id).ToArray();
            if (ids.Length > 0)
            {
                text.Append("  classDef ").Append(ClassName(kind)).Append(' ').Append(Style(kind)).Append('\n');
                text.Append("  class ").AppendJoin(',', ids).Append(' ').Append(ClassName(kind)).Append('\n');
            }
        }
        return text.Append("```\n").ToString();
    }

    public static string Json(PipelineGraph graph) => ReproJson.Serialize(new
    {
        graph.Project,
        Nodes = graph.Nodes.Select(n => new { n.Id, Kind = n.Kind.ToString(), n.Label, n.Detail }),
        graph.Edges,
    });

    /// <summary>
    /// A Mermaid label in double quotes, where anything may stand: the quote itself and the characters Mermaid reads
    /// as markup become its entity codes, so a path, a command line or a gate (<c>&gt;=</c>) shows as written.
    /// </summary>
    internal static string Quote(string label)
    {
        var text = new StringBuilder("\"");
        foreach (var c in label)
        {
            text.Append(c switch
            {
                '"' => "#quot;",
                '#' => "#35;",
                '<' => "#lt;",
                '>' => "#gt;",
                '&' => "#amp;",
                '\n' or '\r' => " ",
                _ => c.ToString(),
            });
        }
        return text.Append('"').ToString();
    }

    private static string ClassName(NodeKind kind) => kind.ToString().ToLowerInvariant() + "Node";

    // GitHub's own palette, readable in its light and dark themes.
    private static string Style(NodeKind kind) => kind switch
    {
        NodeKind.File => "fill:#f6f8fa,stroke:#8c959f,color:#1f2328",
        NodeKind.Stage => "fill:#ddf4ff,stroke:#0969da,color:#1f2328",
        NodeKind.Dataset => "fill:#fff8c5,stroke:#9a6700,color:#1f2328",
        NodeKind.Model => "fill:#dafbe1,stroke:#1a7f37,color:#1f2328",
        _ => "fill:#ffebe9,stroke:#cf222e,color:#1f2328",
    };

    private static string Counts(PipelineGraph graph)
    {
        static string Count(int n, string what) => $"{n} {what}{(n == 1 ? "" : "s")}";
        return string.Join(", ",
            Count(graph.OfKind(NodeKind.Stage).Count(), "stage"),
            Count(graph.OfKind(NodeKind.Dataset).Count(), "dataset"),
            Count(graph.OfKind(NodeKind.Model).Count(), "model"),
            Count(graph.OfKind(NodeKind.Gate).Count(), "metric gate"));
    }

    private static void Section(StringBuilder text, PipelineGraph graph, NodeKind kind, string heading, Func<DagNode, (string Relation, IEnumerable<string> Nodes)[]> relations)
    {
        var nodes = graph.OfKind(kind).ToList();
        if (nodes.Count == 0)
        {
            return;
        }
        text.Append('\n').Append(heading).Append('\n');
        foreach (var node in nodes)
        {
            text.Append("  ").Append(node.Label).Append(node.Detail.Length > 0 ? $"  ({node.Detail})" : "").Append('\n');
            var lines = relations(node).Select(r => (r.Relation, Nodes: r.Nodes.ToList())).Where(r => r.Nodes.Count > 0).ToList();
            var width = lines.Count == 0 ? 0 : lines.Max(l => l.Relation.Length);
            foreach (var (relation, related) in lines)
            {
                for (var i = 0; i < related.Count; i++)
                {
                    text.Append("    ").Append((i == 0 ? relation : "").PadRight(width)).Append("  ").Append(related[i]).Append('\n');
                }
            }
        }
    }
}
