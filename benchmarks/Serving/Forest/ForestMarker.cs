namespace Forest;

/// <summary>A type of the model assembly, to find it by.</summary>
public static class ForestMarker
{
}
