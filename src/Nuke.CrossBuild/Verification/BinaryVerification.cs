using Nuke.CrossBuild.Platforms;

namespace Nuke.CrossBuild.Verification;

/// <summary>The outcome of checking one binary against the platform it was built for.</summary>
/// <param name="Report">What the binary's headers say.</param>
/// <param name="Expected">The platform it must run on.</param>
/// <param name="RequireStatic">Whether static linking was required.</param>
/// <param name="Problems">Every mismatch, one line each in xx-verify's form; empty when the binary is right.</param>
public sealed record BinaryVerification(BinaryReport Report, Platform Expected, bool RequireStatic, IReadOnlyList<string> Problems)
{
    /// <summary>Gets whether the binary matches.</summary>
    public bool Ok => Problems.Count == 0;
}
