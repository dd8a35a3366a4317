using ReproBuild.Protocol;
using ReproBuild.Runtime.Data;

namespace ReproBuild.Engine.Training;

/// <summary>
/// Turns ML.NET's refusal to build or train a model into a user error. ML.NET checks trainer options with an
/// <see cref="ArgumentException"/> that names the option; when that is a parameter the model sets, the value is
/// the problem (RB1006), otherwise training itself failed (RB3003).
/// </summary>
internal static class TrainerRefusal
{
    public static UserError From(Exception refusal, ModelInputs inputs, string projectFile)
    {
        if (refusal is ArgumentException { ParamName: { } option }
            && inputs.Parameters.FirstOrDefault(p => string.Equals(p.Key, option, StringComparison.OrdinalIgnoreCase)) is { Key: not null } parameter)
        {
            var reason = refusal.Message.Replace($" (Parameter '{option}')", "", StringComparison.Ordinal).Trim();
            return new UserError(
                ErrorCodes.InvalidParameterValue,
                $"parameter {option} of trainer {inputs.Trainer} cannot be '{parameter.Value}': ML.NET says \"{reason}\"",
                projectFile);
        }
        return new UserError(ErrorCodes.TrainingFailed, $"ML.NET could not train model '{inputs.Model}' with {inputs.Trainer}: {refusal.Message}", projectFile);
    }
}
