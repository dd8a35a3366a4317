namespace ReproBuild.Tasks.Cache;

/// <summary>The key prefix of an object-storage remote: the path after its bucket or container.</summary>
internal static class RemotePrefix
{
    /// <returns>Empty, or the path with one trailing slash: <c>team/reprobuild/</c>.</returns>
    public static string Of(Uri location) => Uri.UnescapeDataString(location.AbsolutePath).Trim('/') is { Length: > 0 } path ? path + "/" : "";
}
