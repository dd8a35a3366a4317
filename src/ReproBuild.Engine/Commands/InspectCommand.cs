using System.Security.Cryptography;
using ReproBuild.Engine.Data;
using ReproBuild.Engine.Diagnostics;
using ReproBuild.Runtime.Schema;
using ReproBuild.Engine.Validation;
using ReproBuild.Protocol;
using ReproBuild.Runtime.Data;

namespace ReproBuild.Engine.Commands;

/// <summary><c>engine inspect</c>: validates and summarises each requested dataset; a summary is written only for a dataset without findings.</summary>
internal static class InspectCommand
{
    public static void Run(InspectRequest request, DiagnosticWriter diagnostics)
    {
        foreach (var job in request.Datasets)
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
                        continue;
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
}
