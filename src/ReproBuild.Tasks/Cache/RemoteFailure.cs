namespace ReproBuild.Tasks.Cache;

/// <summary>Why a request to a remote failed, in one line: the exception's message and its innermost cause.</summary>
internal static class RemoteFailure
{
    public static string Describe(Exception e)
    {
        var inner = e;
        while (inner.InnerException is not null)
        {
            inner = inner.InnerException;
        }
        var first = e.Message.Split('\n')[0].Trim();
        return inner == e || first.Contains(inner.Message, StringComparison.Ordinal) ? first : $"{first} ({inner.Message.Split('\n')[0].Trim()})";
    }
}
