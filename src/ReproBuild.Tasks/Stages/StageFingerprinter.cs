using System.Text;
using ReproBuild.Protocol;
using ReproBuild.Tasks.Code;

namespace ReproBuild.Tasks.Stages;

/// <summary>
/// Computes a stage's <see cref="StageInputs"/> from the files as they are now. Each file costs one stat when its
/// content hash is unchanged since the stage's last record; only a new version of a file is read for its SHA-256 (or
/// its compiled-code digest).
/// </summary>
internal sealed class StageFingerprinter(string projectDirectory, StatCache statCache, StageGraph graph)
{
    /// <returns>The inputs, and the versions of the files they were computed from (for the next record).</returns>
    public (StageInputs Inputs, List<FileVersion> InputFiles, List<FileVersion> CodeFiles) Compute(StageItem stage, StageRecord? last)
    {
        var known = (last?.AllFiles ?? []).GroupBy(f => (f.Path, f.Hash)).ToDictionary(g => g.Key, g => g.First().Digest);

        var inputFiles = Versions(stage.Inputs, known, Sha256Digest.OfFile);
        var inputs = inputFiles
            .Select((file, i) => new StageFile(file.Path, file.Digest, graph.Producers.GetValueOrDefault(stage.Inputs[i])?.Name))
            .OrderBy(file => file.Path, StringComparer.Ordinal)
            .ToList();

        List<FileVersion> codeFiles;
        string codeDigest;
        if (stage.Kind == StageItem.ProjectKind)
        {
            var folder = Path.GetDirectoryName(stage.ProgramAssembly!)!;
            var programFiles = CompiledCode.ProgramFiles(folder);
            codeFiles = Versions([.. programFiles.Select(f => f.Full)], known, CompiledCode.DigestOfFile);
            var byFullPath = programFiles.Select((f, i) => (f.Full, codeFiles[i].Digest)).ToDictionary(p => p.Full, p => p.Digest, StringComparer.Ordinal);
            codeDigest = CompiledCode.DigestOfFolder(folder, path => byFullPath[path]);
        }
        else
        {
            codeFiles = Versions(stage.Code, known, Sha256Digest.OfFile);
            var listing = new StringBuilder();
            foreach (var file in codeFiles.OrderBy(f => f.Path, StringComparer.Ordinal))
            {
                listing.Append(file.Path).Append('\t').Append(file.Digest).Append('\n');
            }
            codeDigest = Sha256Digest.Of(Encoding.UTF8.GetBytes(listing.ToString()));
        }

        var document = new StageInputs(
            stage.Name, stage.Kind, stage.Program, codeDigest, stage.Parameters, stage.Seed, inputs,
            [.. stage.Outputs.Select(o => ProjectPaths.Relative(projectDirectory, o)).Order(StringComparer.Ordinal)],
            ToolVersions.Engine);
        return (document, inputFiles, codeFiles);
    }

    /// <summary>The versions of files as they are now, in the order given.</summary>
    public List<FileVersion> Versions(IReadOnlyList<string> files, IReadOnlyDictionary<(string, string), string> known, Func<string, string> digestOf)
    {
        var hashes = statCache.Hash(files);
        return [.. files.Select(file =>
        {
            var path = ProjectPaths.Relative(projectDirectory, file);
            var hash = hashes[file].Hash;
            return new FileVersion(path, hash, known.TryGetValue((path, hash), out var digest) ? digest : digestOf(file));
        })];
    }
}
