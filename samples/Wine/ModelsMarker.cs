namespace Wine;

/// <summary>A type to find this assembly by: the Wine model is embedded in it.</summary>
public static class ModelsMarker
{
}
