using Nuke.Common;
using Nuke.CrossBuild.Platforms;
using Nuke.CrossBuild.Toolchains.Go;
using Nuke.CrossBuild.Verification;

namespace Nuke.CrossBuild.Components;

/// <summary>
/// Checks every binary in each planned platform's output directory against that platform (format, OS, machine,
/// ARM level and float ABI, Go build info, static when required). Fails the build on any wrong binary, and when a
/// planned platform has no binaries at all.
/// </summary>
public interface IVerifyBinaries : ICrossCompileGo
{
    /// <summary>Gets the target that verifies the binaries.</summary>
    Target VerifyBinaries => _ => _
        .Description("Verifies every cross-compiled binary against its platform")
        .DependsOn(CrossCompileGo)
        .Executes(() =>
        {
            var problems = new List<string>();
            foreach (var platform in PlannedPlatforms)
            {
                var directory = BinaryDirectory(platform);
                var files = Directory.Exists(directory) ? Directory.GetFiles(directory) : [];
                if (files.Length == 0)
                {
                    problems.Add($"{platform}: no binaries in {directory}; expected the output of {nameof(CrossCompileGo)}");
                }

                foreach (var file in files.Order(StringComparer.Ordinal))
                {
                    var verification = BinaryVerifier.Verify(file, platform, RequireStatic);
                    ComponentLog.Write($"{(verification.Ok ? "ok" : "FAILED")} {file}: {verification.Report}");
                    problems.AddRange(verification.Problems);
                }
            }

            if (problems.Count > 0)
            {
                throw new VerificationException(problems);
            }
        });

    /// <summary>Returns the directory a platform's binaries are written to (the output pattern's directory part).</summary>
    /// <param name="platform">The platform.</param>
    /// <returns>The directory.</returns>
    string BinaryDirectory(Platform platform) => Path.GetDirectoryName(OutputPattern.Expand(GoOutputPattern, platform, "binary"))!;
}
