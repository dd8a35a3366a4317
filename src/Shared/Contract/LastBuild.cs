namespace ReproBuild;

/// <summary>
/// <c>obj/&lt;cfg&gt;/&lt;tfm&gt;/reprobuild/last-build.json</c>: what the last build's pipeline did with each model and stage,
/// written once at its end (<c>reprobuild summary</c> reads it). Values are <see cref="Trained"/> (stages: <see cref="Ran"/>),
/// <see cref="Restored"/>, <see cref="UpToDate"/> and, in a sharded build, <see cref="Skipped"/>.
/// </summary>
/// <param name="Format"><see cref="CurrentFormat"/>.</param>
/// <param name="Shard"><c>INDEX/COUNT</c> for a sharded build, else null.</param>
/// <param name="Models">Each model's outcome, by name.</param>
/// <param name="Stages">Each stage's outcome, by name.</param>
internal sealed record LastBuild(int Format, string? Shard, SortedDictionary<string, string> Models, SortedDictionary<string, string> Stages)
{
    public const int CurrentFormat = 1;
    public const string FileName = "last-build.json";
    public const string Trained = "trained";
    public const string Ran = "ran";
    public const string Restored = "restored";
    public const string UpToDate = "up-to-date";
    public const string Skipped = "skipped";
}
