using Nuke.CrossBuild.Images;

namespace Nuke.CrossBuild.Cli;

/// <summary>The verified, static and manifest cells that the image commands show for one platform.</summary>
internal static class VerificationCells
{
    public static string[] For(ImagePlatformVerification? entry) =>
    [
        entry is null ? "-" : entry.Ok ? "yes" : "NO",
        entry?.Binary?.Report.IsStatic switch { true => "yes", false => "no", null => "-" },
        entry?.ManifestDigest[..19] ?? "-",
    ];
}
