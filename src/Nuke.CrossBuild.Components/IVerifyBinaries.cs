using Nuke.Common;
using Nuke.CrossBuild.Platforms;
using Nuke.CrossBuild.Verification;

namespace Nuke.CrossBuild.Components;

/// <summary>
/// Checks the matrix's binaries, one per planned platform (<see cref="MatrixBinaries"/>: the library's hand-over, found by
/// the output pattern as image assembly and releases find them), against their platforms (format, OS, machine, ARM level
/// and float ABI, Go build info, static when required). Fails the build on any wrong binary, and when a planned platform
/// has none (or several: name it in the pattern).
/// </summary>
public interface IVerifyBinaries : ICrossCompileGo
{
    /// <summary>Gets the target that verifies the binaries.</summary>
    Target VerifyBinaries => _ => _
        .Description("Verifies every cross-compiled binary against its platform")
        .DependsOn(CrossCompileGo)
        .Executes(() =>
        {
            var binaries = MatrixBinaries;
            foreach (var binary in binaries)
            {
                ComponentLog.Write($"{(binary.Verification.Ok ? "ok" : "FAILED")} {binary.Path}: {binary.Verification.Report}");
            }

            binaries.EnsureOk();
        });

    /// <summary>Gets the planned platforms' binaries at <see cref="ICrossCompileGo.GoOutputPattern"/>, each verified (read when asked: after <see cref="ICrossCompileGo.CrossCompileGo"/>).</summary>
    /// <exception cref="CrossBuildException">A planned platform has no binary, or several.</exception>
    MatrixBinaries MatrixBinaries => MatrixBinaries.Collect(GoOutputPattern, null, PlatformSelection.Of(PlannedPlatforms), RequireStatic, RootDirectory);

    /// <summary>Returns the directory a platform's binaries are written to (the output pattern's directory part).</summary>
    /// <param name="platform">The platform.</param>
    /// <returns>The directory.</returns>
    string BinaryDirectory(Platform platform) => Path.GetDirectoryName(OutputPattern.Expand(GoOutputPattern, platform, "binary"))!;
}
