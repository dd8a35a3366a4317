using ReproBuild.Tool.Projects;

namespace ReproBuild.Tool.Dag;

/// <summary>What a node of the pipeline is; the renderers draw each kind in its own shape.</summary>
internal enum NodeKind
{
    File,
    Stage,
    Dataset,
    Model,
    Gate,
}

/// <param name="Id">Letters and digits only (<c>stage1</c>), safe as a Mermaid node id whatever the name holds.</param>
/// <param name="Detail">One line about the node: a stage's program, a dataset's file, a model's task, a gate's project.</param>
internal sealed record DagNode(string Id, NodeKind Kind, string Label, string Detail);

/// <param name="Label">What the edge means when it is not plain data flow: <c>code</c>, <c>test</c>.</param>
internal sealed record DagEdge(string From, string To, string? Label = null);

/// <summary>
/// The pipeline as a graph, data flowing left to right: raw files → stages → the files they write → datasets →
/// models → metric gates. Built from what <c>ReproBuildGetPipeline</c> returned (build/ReproBuild.Dag.targets) and
/// the <c>MetricGate</c> items of the test projects given; nodes keep the order the project declares them in.
/// </summary>
internal sealed class PipelineGraph
{
    private readonly List<DagNode> _nodes = [];
    private readonly List<DagEdge> _edges = [];
    private readonly Dictionary<(NodeKind, string), DagNode> _byName = [];

    private PipelineGraph(string project) => Project = project;

    public string Project { get; }

    public IReadOnlyList<DagNode> Nodes => _nodes;

    public IReadOnlyList<DagEdge> Edges => _edges;

    /// <param name="gates">Each gate with the test project that declares it.</param>
    public static PipelineGraph From(string project, IReadOnlyList<TargetItem> pipeline, IReadOnlyList<(string TestProject, TargetItem Gate)> gates)
    {
        var graph = new PipelineGraph(project);
        var stages = pipeline.Where(i => i.Get("Kind") == "Stage").ToList();
        var datasets = pipeline.Where(i => i.Get("Kind") == "Dataset").ToList();
        var models = pipeline.Where(i => i.Get("Kind") == "Model").ToList();

        // Files first, in the order data flows: what the stages read, then what they write, then datasets' own files.
        foreach (var path in stages.SelectMany(s => s.Lines("Inputs").Concat(s.Lines("Code"))).Concat(stages.SelectMany(s => s.Lines("Outputs"))).Concat(datasets.Select(d => d.Get("File"))))
        {
            graph.Node(NodeKind.File, path, path, "");
        }
        foreach (var stage in stages)
        {
            var node = graph.Node(NodeKind.Stage, stage.Name, stage.Name, StageDetail(stage));
            foreach (var input in stage.Lines("Inputs"))
            {
                graph.Edge(graph.Find(NodeKind.File, input), node);
            }
            foreach (var code in stage.Lines("Code"))
            {
                graph.Edge(graph.Find(NodeKind.File, code), node, "code");
            }
            foreach (var output in stage.Lines("Outputs"))
            {
                graph.Edge(node, graph.Find(NodeKind.File, output));
            }
        }
        foreach (var dataset in datasets)
        {
            var node = graph.Node(NodeKind.Dataset, dataset.Name, dataset.Name, dataset.Get("File"));
            graph.Edge(graph.Find(NodeKind.File, dataset.Get("File")), node);
        }
        foreach (var model in models)
        {
            var node = graph.Node(NodeKind.Model, model.Name, model.Name, $"{model.Get("Task")}, {model.Get("Trainer")}");
            graph.Edge(graph.Find(NodeKind.Dataset, model.Get("Dataset")), node);
            if (model.Get("TestDataset") is { Length: > 0 } test)
            {
                graph.Edge(graph.Find(NodeKind.Dataset, test), node, "test");
            }
        }
        foreach (var (testProject, gate) in gates)
        {
            if (!graph._byName.TryGetValue((NodeKind.Model, gate.Name), out var model))
            {
                throw new ToolError($"{testProject} has a MetricGate on model '{gate.Name}', which {project} does not declare (its models: {string.Join(", ", models.Select(m => m.Name))}).");
            }
            var label = GateLabel(gate);
            var node = graph.Node(NodeKind.Gate, $"{testProject}|{gate.Name}|{label}", label, testProject);
            graph.Edge(model, node);
        }
        return graph;
    }

    /// <summary>The nodes an edge leads to from <paramref name="node"/>, with the edge's label.</summary>
    public IEnumerable<(DagNode Node, string? Label)> Downstream(DagNode node) =>
        _edges.Where(e => e.From == node.Id).Select(e => (_nodes.First(n => n.Id == e.To), e.Label));

    /// <summary>The nodes an edge comes from into <paramref name="node"/>, with the edge's label.</summary>
    public IEnumerable<(DagNode Node, string? Label)> Upstream(DagNode node) =>
        _edges.Where(e => e.To == node.Id).Select(e => (_nodes.First(n => n.Id == e.From), e.Label));

    public IEnumerable<DagNode> OfKind(NodeKind kind) => _nodes.Where(n => n.Kind == kind);

    /// <summary>As written in the test project: <c>AreaUnderRocCurve &gt;= 0.95</c>, <c>F1Score drops at most 0.01</c>.</summary>
    internal static string GateLabel(TargetItem gate)
    {
        var bounds = new List<string>();
        void Bound(string metadata, string how)
        {
            if (gate.Get(metadata).Trim() is { Length: > 0 } value)
            {
                bounds.Add($"{how} {value}");
            }
        }
        Bound("Minimum", ">=");
        Bound("Maximum", "<=");
        Bound("MaxDrop", "drops at most");
        Bound("MaxRise", "rises at most");
        var on = gate.Get("Dataset").Trim() is { Length: > 0 } dataset ? $" on {dataset}" : "";
        return $"{gate.Get("Metric").Trim()} {string.Join(", ", bounds)}{on}";
    }

    private static string StageDetail(TargetItem stage)
    {
        var parts = new List<string>
        {
            stage.Get("StageKind") == "project" ? $"project {stage.Get("Program")}" : $"command: {stage.Get("Program")}",
        };
        parts.AddRange(stage.Lines("Parameters"));
        parts.Add($"seed {stage.Get("Seed")}");
        return string.Join("; ", parts);
    }

    private DagNode Node(NodeKind kind, string key, string label, string detail)
    {
        if (_byName.TryGetValue((kind, key), out var existing))
        {
            return existing;
        }
        var node = new DagNode($"{kind.ToString().ToLowerInvariant()}{_nodes.Count(n => n.Kind == kind) + 1}", kind, label, detail);
        _nodes.Add(node);
        _byName[(kind, key)] = node;
        return node;
    }

    private DagNode Find(NodeKind kind, string key) => _byName[(kind, key)];

    private void Edge(DagNode from, DagNode to, string? label = null)
    {
        if (!_edges.Any(e => e.From == from.Id && e.To == to.Id))
        {
            _edges.Add(new DagEdge(from.Id, to.Id, label));
        }
    }
}
