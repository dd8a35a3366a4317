namespace Company.Models;

/// <summary>A type to find this assembly by: the model is embedded in it.</summary>
public static class ModelsMarker
{
}
