namespace ReproBuild.Runtime;

/// <summary>
/// Thrown when an embedded model's bytes do not match the SHA-256 the build stamped into its assembly: the model
/// is not the one that was trained, evaluated and gated, and must not be used.
/// </summary>
public sealed class ModelIntegrityException : Exception
{
    /// <summary>Creates the exception for a model whose digest does not match.</summary>
    public ModelIntegrityException(string model, string expectedSha256, string actualSha256)
        : base($"The embedded model '{model}' does not match the SHA-256 stamped at build time (expected {expectedSha256}, found {actualSha256}); refusing to load it.")
    {
        Model = model;
        ExpectedSha256 = expectedSha256;
        ActualSha256 = actualSha256;
    }

    /// <summary>Creates the exception for an embedded file that belongs to a model (its input schema) and does not match the digest its provenance records.</summary>
    public ModelIntegrityException(string model, string what, string expectedSha256, string actualSha256)
        : base($"The {what} embedded with model '{model}' does not match the SHA-256 its provenance records (expected {expectedSha256}, found {actualSha256}); refusing to load it.")
    {
        Model = model;
        ExpectedSha256 = expectedSha256;
        ActualSha256 = actualSha256;
    }

    /// <summary>The model's name.</summary>
    public string Model { get; }

    /// <summary>The digest stamped into the assembly at build time.</summary>
    public string ExpectedSha256 { get; }

    /// <summary>The digest of the bytes actually embedded.</summary>
    public string ActualSha256 { get; }
}
