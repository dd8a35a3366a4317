namespace Cancer;

/// <summary>A type to find this assembly by: the models are embedded in it.</summary>
public static class ModelsMarker
{
}
