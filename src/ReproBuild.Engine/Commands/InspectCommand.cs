using System.Runtime.ExceptionServices;
using System.Security.Cryptography;
using ReproBuild.Engine.Data;
using ReproBuild.Engine.Diagnostics;
using ReproBuild.Runtime.Schema;
using ReproBuild.Engine.Validation;
using ReproBuild.Protocol;
using ReproBuild.Runtime.Data;

namespace ReproBuild.Engine.Commands;

/// <summary>
/// <c>engine inspect</c>: validates and summarises each requested dataset; a summary is written only for a dataset
/// without findings. Datasets are independent of each other, so several are inspected side by side, one per core (a
/// project with many small datasets pays the per-file work once per core, not once per dataset); each one's
/// diagnostics are held and written in the request's order, so the build's output is the same whatever finishes first.
/// </summary>
internal static class InspectCommand
{
    public static void Run(InspectRequest request, DiagnosticWriter diagnostics)
    {
        var jobs = request.Datasets;
        if (jobs.Count < 2 || Environment.ProcessorCount < 2)
        {
            foreach (var job in jobs)
            {
                Inspect(job, diagnostics);
            }
            return;
        }
        var held = jobs.Select(_ => diagnostics.Held()).ToArray();
        var failures = new ExceptionDispatchInfo?[jobs.Count];
        var finished = new bool[jobs.Count];
        var written = 0;
        Parallel.For(0, jobs.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
        {
            try
            {
                Inspect(jobs[i], held[i]);
            }
            catch (Exception e)
            {
                failures[i] = ExceptionDispatchInfo.Capture(e);
            }
            lock (finished)
            {
                finished[i] = true;
                for (; written < jobs.Count && finished[written] && failures[written] is null; written++)
                {
                    diagnostics.Append(held[written]);
                }
            }
        });
        if (written < jobs.Count)
        {
            // As one after another would have: what came before the first failure is reported, then the failure itself.
            diagnostics.Append(held[written]);
            failures[written]!.Throw();
        }
    }

    private static void Inspect(DatasetJob job, DiagnosticWriter diagnostics)
    {
        if (File.Exists(job.SummaryFile))
        {
            File.Delete(job.SummaryFile);
        }
        try
        {
            TableSchema? schema = null;
            string? schemaSha256 = null;
            if (job.SchemaFile is not null)
            {
                schema = SchemaLoading.Load(job.SchemaFile, job.SchemaResource, diagnostics);
                if (schema is null)
                {
                    return;
                }
                schemaSha256 = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(job.SchemaFile)));
            }
            var summary = DatasetInspector.Inspect(job, diagnostics, schema, schemaSha256);
            if (summary is not null)
            {
                AtomicFile.WriteAllText(job.SummaryFile, ReproJson.Serialize(summary));
            }
        }
        catch (UserError error)
        {
            diagnostics.Error(error);
        }
    }
}
