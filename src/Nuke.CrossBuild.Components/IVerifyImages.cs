using Nuke.Common;
using Nuke.CrossBuild.Images;
using Nuke.CrossBuild.Verification;

namespace Nuke.CrossBuild.Components;

/// <summary>
/// Verifies the built image: its index holds exactly the planned platforms, and in each platform the program the
/// container runs is a binary for that platform (static when required, its dynamic loader present otherwise).
/// </summary>
public interface IVerifyImages : IBuildImages
{
    /// <summary>Gets the target that verifies the OCI layout.</summary>
    Target VerifyImages => _ => _
        .Description("Verifies the image's platforms and each platform's binary")
        .DependsOn(BuildImages)
        .Executes(async () =>
        {
            using var source = new OciLayoutSource(ImageLayoutDirectory);
            var verification = await ImageVerifier.VerifyAsync(source, PlannedPlatforms, requireStatic: RequireStatic).ConfigureAwait(false);
            foreach (var entry in verification.Entries)
            {
                ComponentLog.Write($"{(entry.Ok ? "ok" : "FAILED")} {entry.Platform}: {entry.Binary?.Report.ToString() ?? "no binary"}");
            }

            if (!verification.Ok)
            {
                throw new VerificationException(verification.Problems);
            }
        });
}
