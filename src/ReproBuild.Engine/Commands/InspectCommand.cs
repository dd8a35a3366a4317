using ReproBuild.Engine.Data;
using ReproBuild.Engine.Diagnostics;
using ReproBuild.Protocol;
using ReproBuild.Runtime.Data;

namespace ReproBuild.Engine.Commands;

/// <summary><c>engine inspect</c>: checks and summarises each requested dataset; a summary is written only for a dataset without findings.</summary>
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
                var summary = DatasetInspector.Inspect(job, diagnostics);
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
