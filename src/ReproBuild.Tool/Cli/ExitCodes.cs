namespace ReproBuild.Tool;

/// <summary>What the tool's exit code means, the same for every command, so scripts can rely on it.</summary>
internal static class ExitCodes
{
    /// <summary>Done; for <c>status</c>: everything is up to date; for <c>verify</c>: every digest matches.</summary>
    public const int Success = 0;

    /// <summary>The answer is "no": <c>status</c> found something stale, <c>verify</c> a digest that does not match.</summary>
    public const int CheckFailed = 1;

    /// <summary>The command could not run: bad arguments, a missing file, a project MSBuild could not evaluate.</summary>
    public const int Error = 2;
}
