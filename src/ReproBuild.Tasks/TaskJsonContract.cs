using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using ReproBuild.Protocol;
using ReproBuild.Tasks.Cache;
using ReproBuild.Tasks.Lock;
using ReproBuild.Tasks.Stages;

namespace ReproBuild
{
    internal static partial class ReproJson
    {
        static partial void GeneratedContract(ref IJsonTypeInfoResolver? resolver) => resolver = Tasks.TaskJsonContract.Default;
    }
}

namespace ReproBuild.Tasks
{
    /// <summary>
    /// The files the tasks read and write on every build, with their JSON contract generated at compile time: a build
    /// runs the tasks in a fresh MSBuild process, where reflection-based serialisation would build (and JIT-compile) the
    /// same contract again each time. The options are <see cref="ReproJson.Options"/>'s, so the bytes are the same.
    /// </summary>
    [JsonSerializable(typeof(LockFile))]
    [JsonSerializable(typeof(DatasetInput))]
    [JsonSerializable(typeof(DatasetSummary))]
    [JsonSerializable(typeof(ModelInputs))]
    [JsonSerializable(typeof(ModelResult))]
    [JsonSerializable(typeof(ActionRecord))]
    [JsonSerializable(typeof(StageActionRecord))]
    [JsonSerializable(typeof(StageRecord))]
    [JsonSerializable(typeof(StageInputs))]
    [JsonSerializable(typeof(StageRunRecord))]
    [JsonSerializable(typeof(StageRunRequest))]
    [JsonSerializable(typeof(StageRunResult))]
    [JsonSerializable(typeof(LastBuild))]
    internal sealed partial class TaskJsonContract : JsonSerializerContext;
}
