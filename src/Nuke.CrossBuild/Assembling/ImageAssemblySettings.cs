using Nuke.CrossBuild.Platforms;
using Nuke.CrossBuild.Tar;
using Nuke.CrossBuild.Verification;

namespace Nuke.CrossBuild.Assembling;

/// <summary>
/// Immutable settings of a daemonless image assembly: the Go matrix's binaries, one per platform, put on <c>scratch</c>
/// or a base image as a multi-platform OCI image whose bytes depend on nothing but these settings, the base and the binaries.
/// </summary>
public sealed record ImageAssemblySettings
{
    /// <summary>The default binaries pattern: where <c>crossbuild go build</c> writes by default.</summary>
    public const string DefaultBinaries = Toolchains.Go.GoBuildSettings.DefaultOutput;

    /// <summary>The default user of a <c>scratch</c> image: 65532, the non-root uid and gid of distroless and ko.</summary>
    public const string DefaultUser = "65532:65532";

    /// <summary>The default <c>PATH</c> (Docker's own default for Linux containers).</summary>
    public const string DefaultPath = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    /// <summary>Gets the binaries' output pattern (<c>go build -o</c>'s syntax).</summary>
    public string Binaries { get; init; } = DefaultBinaries;

    /// <summary>Gets the binary name, or null for the one file in each platform's directory.</summary>
    public string? Name { get; init; }

    /// <summary>
    /// Gets the platforms; by default <see cref="PlatformSelection.AsBuilt"/>: the Linux platforms the matrix built binaries
    /// for (a <see cref="BaseOnly"/> image, having none, takes <see cref="PlatformSelection.Default"/>).
    /// </summary>
    public PlatformSelection Platforms { get; init; } = PlatformSelection.AsBuilt;

    /// <summary>Gets the matrix's binaries handed over from an earlier step, or null to collect them by <see cref="Binaries"/> and <see cref="Name"/>.</summary>
    public MatrixBinaries? MatrixBinaries { get; init; }

    /// <summary>Gets the base image: <c>scratch</c> (null), an OCI layout directory, an OCI tarball or a registry reference; resolved per platform.</summary>
    public string? Base { get; init; }

    /// <summary>
    /// Gets root file system tarballs laid as layers between the base and the binary, each a pattern expanded per platform
    /// (<c>rootfs/static.tar</c>, <c>rootfs/glibc-{arch}{variant}.tar</c>): a runtime base from Debian packages with no engine.
    /// </summary>
    public IReadOnlyList<string> Layers { get; init; } = [];

    /// <summary>Gets the directory in the image the binary goes to.</summary>
    public string BinaryDirectory { get; init; } = "/usr/local/bin";

    /// <summary>Gets the entrypoint, or empty for the binary itself.</summary>
    public IReadOnlyList<string> Entrypoint { get; init; } = [];

    /// <summary>Gets the default arguments (<c>CMD</c>).</summary>
    public IReadOnlyList<string> Cmd { get; init; } = [];

    /// <summary>Gets environment variables, after <c>PATH</c>; a later value of a name replaces an earlier one.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Environment { get; init; } = [];

    /// <summary>Gets the working directory, or null for <c>/</c>.</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>Gets the user, <c>uid[:gid]</c> (numeric: <c>scratch</c> has no <c>/etc/passwd</c>).</summary>
    public string User { get; init; } = DefaultUser;

    /// <summary>Gets the config labels.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Labels { get; init; } = [];

    /// <summary>Gets the annotations of the index and of every manifest.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Annotations { get; init; } = [];

    /// <summary>Gets extra files, each a host file and its absolute path in the image (a CA bundle, tzdata).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Files { get; init; } = [];

    /// <summary>Gets the time of every file and of the config, in Unix seconds; null for <see cref="SourceDateEpoch.ResolveAsync"/>.</summary>
    public long? Epoch { get; init; }

    /// <summary>Gets the image name recorded in the layout (<c>app:1</c>, <c>registry/app:tag</c>), or null.</summary>
    public string? Tag { get; init; }

    /// <summary>
    /// Gets whether this is a base image: only the <see cref="Layers"/> and <see cref="Files"/>, no binary (a runtime base
    /// made from packages, for other images' <see cref="Base"/>). Each platform's layers are then verified without a
    /// program unless the entrypoint or command names one.
    /// </summary>
    public bool BaseOnly { get; init; }

    /// <summary>Gets whether each binary must be statically linked.</summary>
    public bool RequireStatic { get; init; }

    /// <summary>Gets the directory of a <see cref="Verification.VerdictRecord"/>: a platform manifest written exactly as one that passed verification under the same checks before is not read back again; null (the default) reads every platform back.</summary>
    public string? VerdictRecord { get; init; }

    /// <summary>Gets the OCI layout directory to write (replaced whole when it holds a layout already), or null.</summary>
    public string? OciLayout { get; init; }

    /// <summary>Gets the OCI layout tarball to write (what <c>docker load</c> and <c>crossbuild image verify</c> read), or null.</summary>
    public string? Archive { get; init; }

    /// <summary>Gets the reference to push to (<c>registry/repository:tag</c>), or null: blobs, manifests and index go up by digest, the tag last.</summary>
    public string? Push { get; init; }

    /// <summary>The default chunk size of a push: blobs larger than this go up in chunks of this size.</summary>
    public const long DefaultChunkSize = 32L << 20;

    /// <summary>Gets the chunk size of a push: a blob larger than this is sent in PATCH chunks of this size (each one request, bounded by the idle timeout), a smaller one in one PUT.</summary>
    public long ChunkSize { get; init; } = DefaultChunkSize;

    /// <summary>Gets more tags (names only) the pushed index gets in the <see cref="Push"/> repository, after its own tag (e.g. from GitHub metadata).</summary>
    public IReadOnlyList<string> ExtraTags { get; init; } = [];

    /// <summary>
    /// Gets the path of an ECDSA P-256 PKCS#8 PEM private key that signs the pushed image after it verified (cosign's
    /// <c>.sig</c> and SLSA Verification Summaries under <c>.att</c>), or null for no signature; needs a push target.
    /// </summary>
    public string? SignKey { get; init; }

    /// <summary>Gets whether a registry that is not on loopback may be reached over plain HTTP.</summary>
    public bool Insecure { get; init; }

    /// <summary>Gets the working directory the binaries pattern and extra files are relative to, or null for the current one.</summary>
    public string? SourceDirectory { get; init; }
}
