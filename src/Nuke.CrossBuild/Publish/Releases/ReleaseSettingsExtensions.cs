using System.Diagnostics.Contracts;
using System.Runtime.CompilerServices;
using Nuke.CrossBuild.Platforms;
using Nuke.CrossBuild.Verification;

namespace Nuke.CrossBuild.Publish.Releases;

/// <summary>Fluent modifiers for <see cref="ReleaseSettings"/> in NUKE's vocabulary; each returns a copy.</summary>
public static class ReleaseSettingsExtensions
{
    /// <summary>Sets the repository and tag.</summary>
    /// <param name="s">The settings.</param>
    /// <param name="repository"><c>owner/name</c>.</param>
    /// <param name="tag">For example <c>v1.2.3</c>.</param>
    /// <returns>A modified copy.</returns>
    [Pure] public static ReleaseSettings SetRelease(this ReleaseSettings s, string repository, string tag) => N(s) with { Repository = repository, Tag = tag };

    /// <summary>Sets the platforms.</summary>
    /// <param name="s">The settings.</param>
    /// <param name="platforms">Platform specs.</param>
    /// <returns>A modified copy.</returns>
    [Pure, OverloadResolutionPriority(1)] public static ReleaseSettings SetPlatforms(this ReleaseSettings s, params string[] platforms) => N(s) with { Platforms = PlatformSelection.Of(platforms) };

    /// <summary>Sets the platforms.</summary>
    /// <param name="s">The settings.</param>
    /// <param name="platforms">The selection (<see cref="PlatformSelection.AsBuilt"/>: what the matrix built).</param>
    /// <returns>A modified copy.</returns>
    [Pure] public static ReleaseSettings SetPlatforms(this ReleaseSettings s, PlatformSelection platforms) => N(s) with { Platforms = platforms ?? throw new ArgumentNullException(nameof(platforms)) };

    /// <summary>Hands over the matrix's binaries an earlier step collected and verified (<see cref="MatrixBinaries.Collect"/>); the pattern and name are then not read.</summary>
    /// <param name="s">The settings.</param>
    /// <param name="binaries">The binaries.</param>
    /// <returns>A modified copy.</returns>
    [Pure] public static ReleaseSettings SetMatrixBinaries(this ReleaseSettings s, MatrixBinaries binaries) => N(s) with { MatrixBinaries = binaries ?? throw new ArgumentNullException(nameof(binaries)) };

    /// <summary>Sets the binaries' output pattern.</summary>
    /// <param name="s">The settings.</param>
    /// <param name="pattern">For example <c>dist/{os}_{arch}[_{variant}]/{name}[.exe]</c>.</param>
    /// <returns>A modified copy.</returns>
    [Pure] public static ReleaseSettings SetBinaries(this ReleaseSettings s, string pattern) => N(s) with { Binaries = pattern };

    /// <summary>Sets the binary name.</summary>
    /// <param name="s">The settings.</param>
    /// <param name="name">The name (without <c>.exe</c>).</param>
    /// <returns>A modified copy.</returns>
    [Pure] public static ReleaseSettings SetBinaryName(this ReleaseSettings s, string name) => N(s) with { BinaryName = name };

    /// <summary>Sets the server root for GitHub Enterprise.</summary>
    /// <param name="s">The settings.</param>
    /// <param name="url">For example <c>https://ghe.example.com/</c>.</param>
    /// <returns>A modified copy.</returns>
    [Pure] public static ReleaseSettings SetApiUrl(this ReleaseSettings s, Uri url) => N(s) with { ApiUrl = url };

    /// <summary>Keeps the release a draft after its assets are up.</summary>
    /// <param name="s">The settings.</param>
    /// <returns>A modified copy.</returns>
    [Pure] public static ReleaseSettings EnableDraft(this ReleaseSettings s) => N(s) with { Draft = true };

    /// <summary>Sets the source directory (binaries pattern, README, LICENSE).</summary>
    /// <param name="s">The settings.</param>
    /// <param name="directory">The directory.</param>
    /// <returns>A modified copy.</returns>
    [Pure] public static ReleaseSettings SetSourceDirectory(this ReleaseSettings s, string directory) => N(s) with { SourceDirectory = directory };

    /// <summary>Sets the output directory of the archives.</summary>
    /// <param name="s">The settings.</param>
    /// <param name="directory">The directory.</param>
    /// <returns>A modified copy.</returns>
    [Pure] public static ReleaseSettings SetOutputDirectory(this ReleaseSettings s, string directory) => N(s) with { OutputDirectory = directory };

    /// <summary>Sets the time of every archive entry.</summary>
    /// <param name="s">The settings.</param>
    /// <param name="epoch">Unix seconds.</param>
    /// <returns>A modified copy.</returns>
    [Pure] public static ReleaseSettings SetEpoch(this ReleaseSettings s, long epoch) => N(s) with { Epoch = epoch };

    /// <summary>Signs SHA256SUMS with a key file (the <c>SHA256SUMS.sig</c> asset, checked by <c>cosign verify-blob</c>), after every binary verified.</summary>
    /// <param name="s">The settings.</param>
    /// <param name="path">An ECDSA P-256 PKCS#8 PEM private key file.</param>
    /// <returns>A modified copy.</returns>
    [Pure] public static ReleaseSettings SetSignKey(this ReleaseSettings s, string path) => N(s) with { SignKey = path };

    private static ReleaseSettings N(ReleaseSettings s) => s ?? throw new ArgumentNullException(nameof(s));
}
