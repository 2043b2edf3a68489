using Nuke.CrossBuild.Platforms;

namespace Nuke.CrossBuild.Verification;

/// <summary>One binary of the matrix's output: located by the output pattern and checked against its platform.</summary>
/// <param name="Platform">The platform it was built for.</param>
/// <param name="Path">Its full path.</param>
/// <param name="Name">Its file name (what it is called in an image or an archive).</param>
/// <param name="Verification">What its headers say and every mismatch with <paramref name="Platform"/>.</param>
public sealed record MatrixBinary(Platform Platform, string Path, string Name, BinaryVerification Verification);
