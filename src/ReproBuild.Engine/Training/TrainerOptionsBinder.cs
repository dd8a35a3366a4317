using System.Globalization;
using System.Reflection;
using ReproBuild.Engine.Diagnostics;
using ReproBuild.Runtime.Data;

namespace ReproBuild.Engine.Training;

/// <summary>
/// Applies a model's <c>Parameters</c> to the trainer's real ML.NET options object: names are checked against
/// its public fields and properties, values parsed to their types (numbers finite, counts at least their
/// <see cref="CountParameters"/> minimum), and the settings that decide reproducibility
/// (thread count, seed) are pinned unless the user set them.
/// </summary>
internal static class TrainerOptionsBinder
{
    // Wired by ReproBuild itself: the pipeline decides the column names.
    private static readonly HashSet<string> Reserved = new(StringComparer.OrdinalIgnoreCase)
    {
        "LabelColumnName", "FeatureColumnName", "ExampleWeightColumnName", "RowGroupColumnName", "SamplingKeyColumnName",
    };

    public static IReadOnlyDictionary<string, Type> SettableParameters(Type optionsType) =>
        Members(optionsType).ToDictionary(pair => pair.Key, pair => pair.Value.Type, StringComparer.Ordinal);

    /// <returns>The options object, and the parameters as applied (canonical names, for provenance).</returns>
    public static object Bind(TrainerSpec trainer, IReadOnlyDictionary<string, string> parameters, int seed, string featureColumn, string labelColumn, string projectFile, DiagnosticWriter diagnostics)
    {
        var options = Activator.CreateInstance(trainer.OptionsType)!;
        var members = Members(trainer.OptionsType);
        Set(options, members["FeatureColumnName"].Member, featureColumn);
        Set(options, members["LabelColumnName"].Member, labelColumn);

        var applied = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (name, text) in parameters)
        {
            var match = members.Keys.FirstOrDefault(key => !Reserved.Contains(key) && string.Equals(key, name, StringComparison.OrdinalIgnoreCase));
            if (match is null)
            {
                var valid = string.Join(", ", members.Keys.Where(key => !Reserved.Contains(key)).Order(StringComparer.Ordinal));
                throw new UserError(ErrorCodes.UnknownParameter, $"trainer {trainer.Name} has no parameter '{name}'. Valid parameters: {valid}.", projectFile);
            }
            var (member, type) = members[match];
            Set(options, member, Parse(trainer.Name, match, type, text, projectFile));
            applied.Add(match);
        }

        if (members.TryGetValue("NumberOfThreads", out var threads))
        {
            if (!applied.Contains("NumberOfThreads"))
            {
                Set(options, threads.Member, 1);
            }
            else if (Get(options, threads.Member) is int count && count != 1)
            {
                diagnostics.Warning(
                    ErrorCodes.NondeterministicThreads,
                    $"NumberOfThreads={count} lets trainer {trainer.Name} give different models from the same inputs; ReproBuild pins it to 1 unless you set it.",
                    projectFile);
            }
        }
        if (members.TryGetValue("Seed", out var seedMember) && !applied.Contains("Seed"))
        {
            Set(options, seedMember.Member, seed);
        }
        return options;
    }

    private static Dictionary<string, (MemberInfo Member, Type Type)> Members(Type optionsType)
    {
        var members = new Dictionary<string, (MemberInfo, Type)>(StringComparer.Ordinal);
        foreach (var field in optionsType.GetFields(BindingFlags.Public | BindingFlags.Instance))
        {
            if (!field.IsInitOnly && IsSupported(field.FieldType))
            {
                members[field.Name] = (field, field.FieldType);
            }
        }
        foreach (var property in optionsType.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.SetMethod is { IsPublic: true } && IsSupported(property.PropertyType))
            {
                members[property.Name] = (property, property.PropertyType);
            }
        }
        return members;
    }

    private static bool IsSupported(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        return type.IsEnum || type == typeof(string) || type == typeof(bool) || type == typeof(int) || type == typeof(long)
            || type == typeof(float) || type == typeof(double);
    }

    private static object Parse(string trainer, string name, Type type, string text, string projectFile)
    {
        var target = Nullable.GetUnderlyingType(type) ?? type;
        var value = text.Trim();
        object? parsed = target switch
        {
            _ when target == typeof(string) => value,
            _ when target == typeof(bool) => bool.TryParse(value, out var b) ? b : null,
            _ when target == typeof(int) => int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) ? i : null,
            _ when target == typeof(long) => long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var l) ? l : null,
            _ when target == typeof(float) => float.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var f) ? f : null,
            _ when target == typeof(double) => double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : null,
            _ when target.IsEnum => Enum.TryParse(target, value, ignoreCase: true, out var e) && Enum.IsDefined(target, e!) ? e : null,
            _ => null,
        };
        var minimum = CountParameters.Minimum.TryGetValue(name, out var least) ? least : (int?)null;
        if (parsed is null || !Sensible(parsed, minimum))
        {
            var expected = target.IsEnum ? $"one of {string.Join(", ", Enum.GetNames(target))}" : Describe(target, minimum);
            throw new UserError(ErrorCodes.InvalidParameterValue, $"parameter {name} of trainer {trainer} expects {expected}; '{text}' is not one.", projectFile);
        }
        return parsed;
    }

    // NaN and infinity parse as numbers, but no trainer learns anything from them; a count has a least sensible value.
    private static bool Sensible(object value, int? minimum) => value switch
    {
        float single => float.IsFinite(single),
        double number => double.IsFinite(number),
        int count => !(count < minimum),
        long count => !(count < minimum),
        _ => true,
    };

    private static string Describe(Type type, int? minimum) => type == typeof(bool) ? "true or false"
        : type == typeof(int) || type == typeof(long) ? minimum is { } floor ? $"a whole number of at least {floor}" : "a whole number"
        : "a finite number";

    private static void Set(object target, MemberInfo member, object? value)
    {
        if (member is FieldInfo field)
        {
            field.SetValue(target, value);
        }
        else
        {
            ((PropertyInfo)member).SetValue(target, value);
        }
    }

    private static object? Get(object target, MemberInfo member) =>
        member is FieldInfo field ? field.GetValue(target) : ((PropertyInfo)member).GetValue(target);
}
