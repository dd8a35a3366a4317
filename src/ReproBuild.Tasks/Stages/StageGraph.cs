namespace ReproBuild.Tasks.Stages;

/// <summary>
/// The stages as a graph: a stage depends on the stages that write its inputs. Built and checked before anything runs
/// — two stages writing one file, a cycle, an input that neither exists nor is written by a stage are RB errors at the
/// element — and then the order to run in: upstream first, stages that do not depend on each other free to run at once.
/// </summary>
internal sealed class StageGraph
{
    private StageGraph(IReadOnlyList<StageItem> order, IReadOnlyDictionary<string, StageItem> producers, IReadOnlyDictionary<string, IReadOnlyList<string>> upstream)
    {
        Order = order;
        Producers = producers;
        Upstream = upstream;
    }

    /// <summary>Every stage, each after all the stages it depends on; among independent stages, in declaration order.</summary>
    public IReadOnlyList<StageItem> Order { get; }

    /// <summary>The stage that writes each output file (full paths).</summary>
    public IReadOnlyDictionary<string, StageItem> Producers { get; }

    /// <summary>For each stage, the names of the stages whose outputs it reads.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Upstream { get; }

    /// <returns>The graph, or null when a problem was reported.</returns>
    public static StageGraph? Build(IReadOnlyList<StageItem> stages, string projectDirectory, ItemProblems problems)
    {
        var errorsBefore = problems.ErrorCount;
        var producers = new Dictionary<string, StageItem>(StringComparer.Ordinal);
        foreach (var stage in stages)
        {
            foreach (var output in stage.Outputs)
            {
                if (producers.TryGetValue(output, out var other))
                {
                    problems.ErrorAtElement(stage.Item, StageItem.ItemType, ErrorCodes.StageOutputConflict,
                        $"Stages '{other.Name}' and '{stage.Name}' both declare the output '{ProjectPaths.Relative(projectDirectory, output)}'; a file is written by one stage.");
                }
                else
                {
                    producers[output] = stage;
                }
            }
        }

        var upstream = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var stage in stages)
        {
            var from = new List<string>();
            foreach (var input in stage.Inputs.Concat(stage.Code))
            {
                if (producers.TryGetValue(input, out var producer))
                {
                    if (!from.Contains(producer.Name, StringComparer.Ordinal))
                    {
                        from.Add(producer.Name);
                    }
                }
                else if (!File.Exists(input))
                {
                    problems.ErrorAtElement(stage.Item, StageItem.ItemType, ErrorCodes.StageInputNotFound,
                        $"Stage '{stage.Name}' reads '{ProjectPaths.Relative(projectDirectory, input)}', which does not exist and is not an output of any stage.");
                }
            }
            upstream[stage.Name] = from;
        }
        if (problems.ErrorCount > errorsBefore)
        {
            return null;
        }

        var order = TopologicalOrder(stages, upstream, out var cycle);
        if (cycle is not null)
        {
            // Told from the stage declared first, so the message reads like the project file.
            var first = stages.First(s => cycle.Contains(s.Name, StringComparer.Ordinal));
            var start = cycle.IndexOf(first.Name);
            cycle = [.. cycle.Skip(start).Take(cycle.Count - 1 - start), .. cycle.Take(start), first.Name];
            problems.ErrorAtElement(first.Item, StageItem.ItemType, ErrorCodes.StageCycle,
                $"The stages form a cycle: {string.Join(" → ", cycle)}. Each reads what the next one writes, so none can run first.");
            return null;
        }
        return new StageGraph(order, producers, upstream);
    }

    /// <summary>Kahn's algorithm, always taking the earliest declared stage that is ready; a cycle when stages are left.</summary>
    private static List<StageItem> TopologicalOrder(IReadOnlyList<StageItem> stages, Dictionary<string, IReadOnlyList<string>> upstream, out List<string>? cycle)
    {
        var order = new List<StageItem>();
        var done = new HashSet<string>(StringComparer.Ordinal);
        var remaining = stages.ToList();
        while (remaining.Count > 0)
        {
            var ready = remaining.FirstOrDefault(s => upstream[s.Name].All(done.Contains));
            if (ready is null)
            {
                cycle = FindCycle(remaining[0].Name, upstream, done);
                return order;
            }
            order.Add(ready);
            done.Add(ready.Name);
            remaining.Remove(ready);
        }
        cycle = null;
        return order;
    }

    /// <summary>Follows upstream edges among the stages not yet ordered until one repeats: that loop is the cycle, written in the order data flows.</summary>
    private static List<string> FindCycle(string start, Dictionary<string, IReadOnlyList<string>> upstream, HashSet<string> done)
    {
        var path = new List<string>();
        var current = start;
        while (!path.Contains(current, StringComparer.Ordinal))
        {
            path.Add(current);
            current = upstream[current].First(name => !done.Contains(name));
        }
        var loop = path.Skip(path.IndexOf(current)).Reverse().ToList();
        loop.Add(loop[0]);
        return loop;
    }
}
