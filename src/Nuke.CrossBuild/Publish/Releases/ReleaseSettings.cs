using Nuke.CrossBuild.Platforms;
using Nuke.CrossBuild.Verification;

namespace Nuke.CrossBuild.Publish.Releases;

/// <summary>Immutable settings of a GitHub release of the Go matrix's binaries; change them with <see cref="ReleaseSettingsExtensions"/>.</summary>
public sealed record ReleaseSettings
{
    /// <summary>The default binaries pattern, as text (<c>crossbuild go build</c>'s default output).</summary>
    public const string DefaultBinariesText = Toolchains.Go.GoBuildSettings.DefaultOutput;

    /// <summary>Gets the repository, <c>owner/name</c>.</summary>
    public string Repository { get; init; } = string.Empty;

    /// <summary>Gets the tag the release is for, e.g. <c>v1.2.3</c> (created on the default branch's head by GitHub when it does not exist).</summary>
    public string Tag { get; init; } = string.Empty;

    /// <summary>Gets the release's title, or null for the tag.</summary>
    public string? Name { get; init; }

    /// <summary>Gets whether the release stays a draft after its assets are up (default: published then).</summary>
    public bool Draft { get; init; }

    /// <summary>Gets the server root as Octokit takes it (<c>https://ghe.example.com/</c>; the API under <c>/api/v3/</c>), or null for github.com.</summary>
    public Uri? ApiUrl { get; init; }

    /// <summary>Gets the binaries' output pattern (<c>go build -o</c>'s syntax, as <c>crossbuild go build</c> wrote them).</summary>
    public string Binaries { get; init; } = Toolchains.Go.GoBuildSettings.DefaultOutput;

    /// <summary>Gets the binary name, or null for the one file in each platform's directory.</summary>
    public string? BinaryName { get; init; }

    /// <summary>Gets the platforms released; by default <see cref="PlatformSelection.AsBuilt"/>: those the matrix built binaries for.</summary>
    public PlatformSelection Platforms { get; init; } = PlatformSelection.AsBuilt;

    /// <summary>Gets the matrix's binaries handed over from an earlier step, or null to collect them by <see cref="Binaries"/> and <see cref="BinaryName"/>.</summary>
    public MatrixBinaries? MatrixBinaries { get; init; }

    /// <summary>Gets the project name in archive names, or null for the binary's name.</summary>
    public string? ProjectName { get; init; }

    /// <summary>Gets the directory the binaries pattern, README and LICENSE are relative to, or null for the current one.</summary>
    public string? SourceDirectory { get; init; }

    /// <summary>Gets the directory the archives, SHA256SUMS and the report are written to (default <c>artifacts/release</c>).</summary>
    public string OutputDirectory { get; init; } = "artifacts/release";

    /// <summary>Gets the time of every archive entry in Unix seconds, or null for <c>SOURCE_DATE_EPOCH</c>, else HEAD's commit time, else 0.</summary>
    public long? Epoch { get; init; }

    /// <summary>Gets whether each binary must be statically linked.</summary>
    public bool RequireStatic { get; init; }

    /// <summary>
    /// Gets the path of an ECDSA P-256 PKCS#8 PEM private key that signs SHA256SUMS (the <c>SHA256SUMS.sig</c> asset, as
    /// <c>cosign sign-blob</c> makes it), or null for no signature. A path, never the key: it stays out of argv and logs.
    /// </summary>
    public string? SignKey { get; init; }

    /// <summary>Gets the version in archive names: the tag without a leading <c>v</c>.</summary>
    public string Version => Tag.StartsWith('v') && Tag.Length > 1 && char.IsAsciiDigit(Tag[1]) ? Tag[1..] : Tag;
}
