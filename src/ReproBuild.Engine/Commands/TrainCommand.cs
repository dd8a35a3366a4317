using ReproBuild.Engine.Data;
using ReproBuild.Engine.Diagnostics;
using ReproBuild.Engine.Training;
using ReproBuild.Protocol;
using ReproBuild.Runtime.Data;

namespace ReproBuild.Engine.Commands;

/// <summary><c>engine train</c>: trains each requested model in turn; one model's error does not hide another's.</summary>
internal static class TrainCommand
{
    public static void Run(TrainRequest request, DiagnosticWriter diagnostics)
    {
        var trainer = new ModelTrainer(request, diagnostics, new DatasetCache(diagnostics));
        foreach (var job in request.Models)
        {
            try
            {
                trainer.Train(job);
            }
            catch (UserError error)
            {
                diagnostics.Error(error);
            }
        }
    }
}
