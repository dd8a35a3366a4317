using ReproBuild.Runtime;

namespace ReproBuild.Tool.Verify;

/// <summary>One model checked against its recorded digest: its provenance when the bytes match, the two digests when they do not.</summary>
internal sealed record VerifiedModel(string Name, bool Matches, string? Expected, string? Actual, ModelProvenance? Provenance, string? Problem = null);
