using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using ReproBuild.IntegrationTests.Infrastructure;

namespace ReproBuild.IntegrationTests;

/// <summary>
/// A build killed with SIGKILL at any moment — as a CI runner's timeout or an out-of-memory killer does — never makes
/// a later build ship, lock or cache a wrong model. Each trial kills a build of new inputs after a random delay,
/// then builds normally, and checks everything against reference builds of the same inputs in clean folders
/// (determinism makes those the ground truth). REPROBUILD_SOAK_TRIALS sets the number of trials (3 in the normal
/// test run; <c>benchmarks/soak.sh</c> runs 40), REPROBUILD_SOAK_SEED the random seed, printed so that a failing
/// soak can be replayed.
/// </summary>
[TestClass]
public sealed class SoakTests
{
    private const int DefaultTrials = 3;
    private const int DefaultSeed = 20_260_611;

    // A --no-restore build of the soak project takes 3-8 s here, its engines run for 1-3 s of it, and a kill at
    // any moment of 8 s often misses them. So the trials take turns: a kill at any moment up to 8 s (evaluation,
    // compilation, or a build already done), a kill just after an engine appears (inspection or the start of
    // training), and a kill up to a second into training, where an orphan has the most left to do.
    private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(8);
    private static readonly KillMoment[] Moments =
    [
        new("at any moment", Engine: null, TimeSpan.FromSeconds(8)),
        new("just after an engine starts", Engine: "", TimeSpan.FromSeconds(0.3)),
        new("into training", Engine: "train", TimeSpan.FromSeconds(1)),
    ];

    private static readonly string[] Models = ["Churn", "Upsell", "Price"];

    // A killed build only leaves an engine behind when it trains, and it only trains inputs the soak's cache has
    // not seen: so most trials, and every kill into training, build a variant never built before (each costs one
    // reference build); the others go back to one the cache has.
    private const double FreshVariantShare = 0.75;

    private const int Rows = 8000;

    private readonly Dictionary<Variant, Dictionary<string, ReferenceModel>> _references = [];
    private readonly Dictionary<string, (string Model, string Sha256)> _expectedByFingerprint = new(StringComparer.Ordinal);
    private readonly List<string> _folders = [];

    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    [OSCondition(OperatingSystems.Linux)] // engines are found through /proc
    public void BuildsKilledAtRandomMomentsNeverLeadToAWrongModelInTheOutputTheLockOrTheCache()
    {
        var trials = FromEnvironment("REPROBUILD_SOAK_TRIALS", DefaultTrials);
        var seed = FromEnvironment("REPROBUILD_SOAK_SEED", DefaultSeed);
        TestContext.WriteLine($"SOAK seed {seed}, {trials} trials (REPROBUILD_SOAK_SEED={seed} REPROBUILD_SOAK_TRIALS={trials} replays this run)");
        var random = new Random(seed);
        var reports = new List<TrialReport>();
        var phases = new SortedDictionary<string, int>(StringComparer.Ordinal);
        try
        {
            var project = UserProject.Create(Items(Variant.Number(0)), "soak");
            _folders.Add(project.Directory);
            var environment = new Dictionary<string, string?> { ["REPROBUILD_CACHE"] = project.Directory + "-cache" };
            _folders.Add(environment["REPROBUILD_CACHE"]!);
            project.Run("restore").ShouldSucceed();
            var soak = new SoakState(project, environment);
            var momentOffset = random.Next(Moments.Length);

            for (var trial = 1; trial <= trials; trial++)
            {
                var clock = Stopwatch.StartNew();
                var moment = Moments[(trial + momentOffset) % Moments.Length];
                var delay = moment.MaxDelay * random.NextDouble();
                var killedVariant = moment.Engine == "train" || random.NextDouble() < FreshVariantShare ? Fresh() : Pick(random, except: soak.Built);
                EnsureReference(killedVariant);
                var followVariant = random.Next(2) == 0 ? killedVariant : Pick(random, except: killedVariant);
                EnsureReference(followVariant);

                soak.Apply(killedVariant);
                var phase = KillBuild(soak, moment, delay);
                phases[phase.Name] = phases.GetValueOrDefault(phase.Name) + 1;
                soak.Apply(followVariant);
                var found = Check(soak, followVariant);
                soak.Built = followVariant;

                var report = new TrialReport($"trial {trial}: {killedVariant} killed {moment.Name}, {phase.Elapsed.TotalSeconds:0.0} s after its start ({phase.Description}), follow-up {followVariant}", found);
                reports.Add(report);
                TestContext.WriteLine($"SOAK {report.Trial}: {found.Count} violation(s) [{clock.Elapsed.TotalSeconds:0} s]");
                TestContext.Write(report.Details);
            }
        }
        finally
        {
            CleanUp();
        }

        TestContext.WriteLine($"SOAK phases hit: {string.Join(", ", phases.Select(p => $"{p.Key} {p.Value}"))}");
        var violations = reports.SelectMany(r => r.Violations).ToArray();
        var failed = reports.Where(r => r.Violations.Count > 0).ToArray();
        TestContext.WriteLine($"SOAK violations by invariant: {(violations.Length == 0 ? "none" : string.Join(", ", violations.GroupBy(v => v.Invariant).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"[{g.Key}] {g.Count()}")))}");
        TestContext.WriteLine($"SOAK RESULT: {trials} trials, {violations.Length} violations in {failed.Length} of them (seed {seed})");
        Assert.AreEqual(0, violations.Length, $"{violations.Length} violation(s) in {failed.Length} of {trials} trials (seed {seed}):\n{string.Concat(failed.Select(r => $"{r.Trial}\n{r.Details}"))}");
    }

    // Sized so that each model trains for about a second here: long enough for an orphaned engine to still be at
    // work when the next build starts.
    private static string Items(Variant variant) => $"""
        <Dataset Include="data/customers.csv" />
        <Dataset Include="data/prices.csv" />
        <Model Include="Churn" Dataset="customers" Task="BinaryClassification" LabelColumn="label" Trainer="FastTree" Seed="3"
               Parameters="NumberOfTrees={50 + variant.Size};NumberOfLeaves=8" />
        <Model Include="Upsell" Dataset="customers" Task="BinaryClassification" LabelColumn="label" Trainer="LightGbm" Seed="3"
               Parameters="NumberOfIterations={500 + variant.Size};NumberOfLeaves=8" />
        <Model Include="Price" Dataset="prices" Task="Regression" LabelColumn="target" Trainer="Sdca" Seed="3"
               Parameters="MaximumNumberOfIterations={3 + variant.Size}" />
        """;

    /// <summary>Learns each model's fingerprint and SHA-256 for a variant from a build in a clean folder with a cache of its own.</summary>
    private void EnsureReference(Variant variant)
    {
        if (_references.ContainsKey(variant))
        {
            return;
        }
        var reference = UserProject.Create(Items(variant), $"soak-reference-v{variant.Index}");
        _folders.Add(reference.Directory);
        _folders.Add(reference.Directory + ".cache");
        SoakState.WriteData(reference, variant);
        reference.Build().ShouldSucceed();

        var lockFile = Path.Combine(reference.Directory, "repro.lock.json");
        var models = new Dictionary<string, ReferenceModel>(StringComparer.Ordinal);
        foreach (var model in Models)
        {
            var expected = new ReferenceModel(JsonText(lockFile, "models", model, "fingerprint")!, JsonText(lockFile, "models", model, "sha256")!);
            Assert.AreEqual(expected.Sha256, BuildOutputsTests.Sha256(reference.Output($"models/{model}.zip")), $"The reference build of {variant} locked another model than it shipped.");
            if (_expectedByFingerprint.TryGetValue(expected.Fingerprint, out var known))
            {
                Assert.AreEqual(known.Sha256, expected.Sha256, $"Two clean builds of {model} with fingerprint {expected.Fingerprint} gave different models: the soak has no ground truth.");
            }
            _expectedByFingerprint[expected.Fingerprint] = (model, expected.Sha256);
            models[model] = expected;
        }
        _references[variant] = models;
    }

    /// <summary>
    /// Starts a build, waits for the moment (and, when it names an engine, for that engine to appear, at most
    /// <see cref="MaxDelay"/>) plus <paramref name="delay"/>, and kills the dotnet process alone: what the build
    /// does with its children is what is under test.
    /// </summary>
    private static KillPhase KillBuild(SoakState soak, KillMoment moment, TimeSpan delay)
    {
        // An orphan of an earlier trial is not this build's engine (invariant 4 reports it).
        var earlier = EngineProcesses.Under(soak.Project.Directory).Select(e => e.Id).ToHashSet();
        var clock = Stopwatch.StartNew();
        using var build = DotNet.Start(soak.Project.Directory, ["build", "--no-restore"], soak.Environment);
        if (moment.Engine is { } awaited)
        {
            while (clock.Elapsed < MaxDelay && !build.Process.HasExited
                   && !EngineProcesses.Under(soak.Project.Directory).Any(e => !earlier.Contains(e.Id) && (awaited.Length == 0 || e.Command == awaited)))
            {
                Thread.Sleep(50);
            }
        }
        if (build.Process.WaitForExit(delay))
        {
            return new KillPhase("finished", $"the build had finished, exit code {build.Process.ExitCode}", clock.Elapsed);
        }

        var engines = EngineProcesses.Under(soak.Project.Directory).Where(e => !earlier.Contains(e.Id)).ToArray();
        var printed = build.Output;
        build.Process.Kill(entireProcessTree: false);
        var elapsed = clock.Elapsed;
        // A timed wait: the untimed one also waits for the end of the output, which an orphan could hold open.
        Assert.IsTrue(build.Process.WaitForExit(TimeSpan.FromSeconds(30)), "The killed dotnet process did not exit.");

        var done = $"{Count(printed, "ReproBuild: trained ")} model(s) trained, {Count(printed, "ReproBuild: restored ")} restored so far";
        if (engines.Length > 0)
        {
            var commands = string.Join("+", engines.Select(e => e.Command).Distinct());
            return new KillPhase($"engine {commands}", $"engine {commands} running as process {string.Join(", ", engines.Select(e => e.Id))}, {done}", elapsed);
        }
        if (printed.Contains("ReproBuild: updated ", StringComparison.Ordinal) || printed.Contains(" -> ", StringComparison.Ordinal))
        {
            return new KillPhase("after the models", $"the models were done, {done}", elapsed);
        }
        return new KillPhase("before the models", $"no engine running, {done}", elapsed);
    }

    private static int Count(string output, string marker) => output.Split('\n').Count(l => l.Contains(marker, StringComparison.Ordinal));

    /// <summary>The follow-up builds and every invariant, as (invariant, detail) pairs.</summary>
    private List<(string Invariant, string Detail)> Check(SoakState soak, Variant variant)
    {
        var found = new List<(string Invariant, string Detail)>();
        var follow = Build(soak);
        if (!follow.Succeeded)
        {
            found.Add(("0 follow-up build", $"failed with exit code {follow.ExitCode}: {Summary(follow)}"));
        }
        else
        {
            found.AddRange(ShippedModels(soak.Project, variant).Select(d => ("1 shipped model", d)));
            found.AddRange(LockAndProvenance(soak.Project, variant).Select(d => ("2 lock file", d)));
        }
        found.AddRange(Cache(soak).Select(d => ("3 cache", d)));
        found.AddRange(Leftovers(soak).Select(d => ("4 leftovers", d)));

        // Whatever an orphan still does after the follow-up build shows in the build after it.
        if (follow.Succeeded)
        {
            var noOp = Build(soak);
            if (!noOp.Succeeded)
            {
                found.Add(("5 no-op build", $"failed with exit code {noOp.ExitCode}: {Summary(noOp)}"));
            }
            else
            {
                foreach (var line in noOp.Output.Split('\n').Where(l => l.Contains("ReproBuild: trained ", StringComparison.Ordinal) || l.Contains("ReproBuild: restored ", StringComparison.Ordinal)))
                {
                    found.Add(("5 no-op build", $"the build after the follow-up build did work: {line.Trim()}"));
                }
                var seen = found.Select(f => f.Detail).ToHashSet(StringComparer.Ordinal);
                found.AddRange(ShippedModels(soak.Project, variant).Concat(LockAndProvenance(soak.Project, variant))
                    .Where(d => !seen.Contains(d)).Select(d => ("5 no-op build", $"after it: {d}")));
            }
        }
        return found;
    }

    private static CommandResult Build(SoakState soak)
    {
        try
        {
            return DotNet.Run(soak.Project.Directory, ["build", "--no-restore"], soak.Environment, TimeSpan.FromMinutes(3));
        }
        catch (AssertFailedException e)
        {
            // A build that hangs is a violation like any other; the soak goes on.
            return new CommandResult(-1, e.Message, "", e.Message);
        }
    }

    private static string Summary(CommandResult result) =>
        result.Errors is { Count: > 0 } errors ? string.Join(" | ", errors.Take(3)) : string.Join(" | ", result.Output.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).TakeLast(3));

    /// <summary>Invariant 1: the output folder's model, the assembly's stamp and its embedded model are the reference model.</summary>
    private IEnumerable<string> ShippedModels(UserProject project, Variant variant)
    {
        var assemblyFile = project.Output("Models.dll");
        Assembly? assembly = null;
        var unreadable = "is missing";
        try
        {
            assembly = File.Exists(assemblyFile) ? BuiltAssembly.Load(assemblyFile) : null;
        }
        catch (BadImageFormatException e)
        {
            unreadable = $"is not an assembly ({e.Message})";
        }
        var stamps = assembly is null ? new Dictionary<string, string?>() : BuiltAssembly.Metadata(assembly);
        if (assembly is null)
        {
            yield return $"bin/Debug/net10.0/Models.dll {unreadable}";
        }
        foreach (var model in Models)
        {
            var expected = _references[variant][model].Sha256;
            var file = project.Output($"models/{model}.zip");
            if (!File.Exists(file))
            {
                yield return $"{model}: bin/Debug/net10.0/models/{model}.zip is missing";
            }
            else if (BuildOutputsTests.Sha256(file) is var shipped && shipped != expected)
            {
                yield return $"{model}: bin/Debug/net10.0/models/{model}.zip is {Describe(shipped)}, the reference is {Short(expected)}";
            }
            if (assembly is null)
            {
                continue;
            }
            if (stamps.GetValueOrDefault($"ReproBuild.{model}.Sha256") is var stamped && stamped != expected)
            {
                yield return $"{model}: the assembly's AssemblyMetadata ReproBuild.{model}.Sha256 is {Describe(stamped)}, the reference is {Short(expected)}";
            }
            using var resource = assembly.GetManifestResourceStream($"ReproBuild/{model}.zip");
            var embedded = resource is null ? null : Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(resource));
            if (embedded != expected)
            {
                yield return $"{model}: the assembly's resource ReproBuild/{model}.zip is {Describe(embedded)}, the reference is {Short(expected)}";
            }
        }
    }

    /// <summary>Invariant 2: the lock file records the reference model under the reference fingerprint, and the provenance agrees.</summary>
    private IEnumerable<string> LockAndProvenance(UserProject project, Variant variant)
    {
        var lockFile = Path.Combine(project.Directory, "repro.lock.json");
        foreach (var model in Models)
        {
            var expected = _references[variant][model];
            var locked = JsonText(lockFile, "models", model, "sha256");
            var fingerprint = JsonText(lockFile, "models", model, "fingerprint");
            if (locked != expected.Sha256)
            {
                yield return $"{model}: repro.lock.json locks {Describe(locked)}, the reference is {Short(expected.Sha256)}";
            }
            if (fingerprint != expected.Fingerprint)
            {
                yield return $"{model}: repro.lock.json has fingerprint {Short(fingerprint)}, the reference's is {Short(expected.Fingerprint)}";
            }
            var provenance = project.Output($"models/{model}.provenance.json");
            var recorded = JsonText(provenance, "predicate", "buildDefinition", "internalParameters", "fingerprint");
            if (recorded != fingerprint)
            {
                yield return $"{model}: bin/Debug/net10.0/models/{model}.provenance.json records fingerprint {Short(recorded)}, repro.lock.json {Short(fingerprint)}";
            }
            var subject = JsonText(provenance, "subject", "0", "digest", "sha256");
            if (subject != expected.Sha256)
            {
                yield return $"{model}: the provenance's subject is {Describe(subject)}, the reference is {Short(expected.Sha256)}";
            }
        }
    }

    /// <summary>
    /// Invariant 3: every cas/ entry holds the content it is named for, and every ac/ record names the model that
    /// clean builds give for its fingerprint. The cache outlives trials, so each bad entry is reported once.
    /// </summary>
    private IEnumerable<string> Cache(SoakState soak)
    {
        var root = soak.Environment["REPROBUILD_CACHE"]!;
        foreach (var entry in Entries(root, "cas"))
        {
            var sha256 = BuildOutputsTests.Sha256(entry);
            if (sha256 != Path.GetFileName(entry) && soak.Reported.Add($"cas {entry} {sha256}"))
            {
                yield return $"cas/{Short(Path.GetFileName(entry))} holds content with sha256 {Short(sha256)}";
            }
        }
        foreach (var entry in Entries(root, "ac"))
        {
            var fingerprint = Path.GetFileName(entry);
            if (!soak.Reported.Add($"ac {fingerprint} {BuildOutputsTests.Sha256(entry)}"))
            {
                continue;
            }
            var model = JsonText(entry, "model");
            var sha256 = JsonText(entry, "sha256");
            var file = JsonText(entry, "files", "model.zip");
            if (sha256 is null || file is null)
            {
                yield return $"ac/{Short(fingerprint)} is not a whole record: {new FileInfo(entry).Length} bytes";
            }
            else if (!_expectedByFingerprint.TryGetValue(fingerprint, out var expected))
            {
                yield return $"ac/{Short(fingerprint)} records {model} = {Describe(sha256)} under a fingerprint no clean build has";
            }
            else if (sha256 != expected.Sha256 || file != expected.Sha256 || model != expected.Model)
            {
                yield return $"ac/{Short(fingerprint)} records {model} = {Describe(sha256)} (files: model.zip {Describe(file)}), clean builds give {expected.Model} = {Short(expected.Sha256)}";
            }
        }
    }

    // Entries only: a write in progress, or one a kill interrupted, is a dot-file ending in .tmp (AtomicFile).
    private static IEnumerable<string> Entries(string cache, string kind) =>
        Directory.Exists(Path.Combine(cache, kind))
            ? Directory.EnumerateFiles(Path.Combine(cache, kind)).Where(f => !Path.GetFileName(f).StartsWith('.')).Order(StringComparer.Ordinal)
            : [];

    /// <summary>Invariant 4: no engine outlives the builds, and no staging folder is left under obj/.</summary>
    private static IEnumerable<string> Leftovers(SoakState soak)
    {
        foreach (var engine in EngineProcesses.Under(soak.Project.Directory))
        {
            if (soak.Reported.Add($"engine {engine.Id}"))
            {
                yield return $"engine process {engine.Id} ({engine.Command}) is still running after the follow-up build";
            }
        }
        var models = Path.Combine(soak.Project.IntermediateDirectory(), "models");
        if (Directory.Exists(models))
        {
            foreach (var staging in Directory.EnumerateDirectories(models, "*.staging*"))
            {
                yield return $"obj/Debug/net10.0/reprobuild/models/{Path.GetFileName(staging)} is left";
            }
        }
    }

    /// <summary>A digest, and the variants whose model it is when it is one: "the model of the killed build" is the usual finding.</summary>
    private string Describe(string? sha256)
    {
        if (sha256 is null)
        {
            return "absent";
        }
        var owners = _references.Where(r => r.Value.Values.Any(m => m.Sha256 == sha256)).Select(r => $"v{r.Key.Index}").ToArray();
        return owners.Length > 0 ? $"{Short(sha256)} (the model of {string.Join("/", owners)})" : $"{Short(sha256)} (no clean build's model)";
    }

    private static string Short(string? digest) => digest is null ? "absent" : digest[..Math.Min(12, digest.Length)];

    /// <summary>The string at a path of property names (or array indexes) in a JSON file; null when the file or anything on the path is missing or malformed.</summary>
    private static string? JsonText(string file, params string[] path)
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(file));
            var element = document.RootElement;
            foreach (var step in path)
            {
                if (element.ValueKind == JsonValueKind.Array && int.TryParse(step, CultureInfo.InvariantCulture, out var index) && index < element.GetArrayLength())
                {
                    element = element[index];
                }
                else if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(step, out element))
                {
                    return null;
                }
            }
            return element.ValueKind == JsonValueKind.String ? element.GetString() : null;
        }
        catch (Exception e) when (e is IOException or JsonException)
        {
            return null;
        }
    }

    /// <summary>A variant this soak has not built yet.</summary>
    private Variant Fresh() => Variant.Number(_references.Count);

    /// <summary>A variant built before (its models are in the soak's cache), other than <paramref name="except"/>; a fresh one when there is none.</summary>
    private Variant Pick(Random random, Variant? except)
    {
        var candidates = _references.Keys.Where(v => v != except).OrderBy(v => v.Index).ToArray();
        return candidates.Length == 0 ? Fresh() : candidates[random.Next(candidates.Length)];
    }

    private static int FromEnvironment(string name, int fallback)
    {
        var value = Environment.GetEnvironmentVariable(name);
        if (string.IsNullOrEmpty(value))
        {
            return fallback;
        }
        Assert.IsTrue(int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) && parsed >= 0, $"{name}={value} is not a whole number.");
        return parsed;
    }

    /// <summary>Engines this test's builds left are its own processes: none may outlive it, and neither may its folders.</summary>
    private void CleanUp()
    {
        foreach (var folder in _folders)
        {
            foreach (var engine in EngineProcesses.Under(folder))
            {
                EngineProcesses.Kill(engine);
            }
        }
        foreach (var folder in _folders)
        {
            TempFolder.DeleteQuietly(folder);
        }
    }

    /// <summary>
    /// One set of inputs: the models' parameters (<see cref="Size"/>) and which of two contents the customers dataset
    /// has. Two variants of one size differ in the data alone (Churn and Upsell retrain, Price does not).
    /// </summary>
    private sealed record Variant(int Index, int Size, int CustomersSeed)
    {
        public static Variant Number(int index) => new(index, index / 2, index % 2 == 0 ? 1 : 5);

        public override string ToString() => $"v{Index} (size {Size}, customers #{CustomersSeed})";
    }

    private sealed record ReferenceModel(string Fingerprint, string Sha256);

    /// <summary>When to kill: after <paramref name="Engine"/> appears ("" any engine, null: from the start), plus up to <paramref name="MaxDelay"/>.</summary>
    private sealed record KillMoment(string Name, string? Engine, TimeSpan MaxDelay);

    /// <summary>What the build was doing when it was killed, and how long after its start.</summary>
    private sealed record KillPhase(string Name, string Description, TimeSpan Elapsed);

    /// <summary>What a trial did, and the invariants it found broken.</summary>
    private sealed record TrialReport(string Trial, IReadOnlyList<(string Invariant, string Detail)> Violations)
    {
        public string Details => string.Concat(Violations.Select(v => $"    [{v.Invariant}] {v.Detail}\n"));
    }

    /// <summary>The soak's project, its private cache, what it was last built with, and the findings that outlive a trial.</summary>
    private sealed class SoakState(UserProject project, Dictionary<string, string?> environment)
    {
        private Variant? _applied;

        public UserProject Project { get; } = project;

        public Dictionary<string, string?> Environment { get; } = environment;

        /// <summary>The variant of the last build that ran to completion (none before the first).</summary>
        public Variant? Built { get; set; }

        public HashSet<string> Reported { get; } = new(StringComparer.Ordinal);

        /// <summary>Writes only what differs, as a user who edits one thing would.</summary>
        public void Apply(Variant variant)
        {
            if (_applied?.Size != variant.Size)
            {
                Project.WriteProject(Items(variant));
            }
            if (_applied is null)
            {
                WriteData(Project, variant);
            }
            else if (_applied.CustomersSeed != variant.CustomersSeed)
            {
                WriteCustomers(Project, variant);
            }
            _applied = variant;
        }

        public static void WriteData(UserProject project, Variant variant)
        {
            WriteCustomers(project, variant);
            project.WriteFile("data/prices.csv", TestData.Regression(rows: Rows));
        }

        private static void WriteCustomers(UserProject project, Variant variant) =>
            project.WriteFile("data/customers.csv", TestData.Binary(rows: Rows, seed: variant.CustomersSeed));
    }
}
