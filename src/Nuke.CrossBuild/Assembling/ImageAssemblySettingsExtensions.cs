using System.Diagnostics.Contracts;
using System.Runtime.CompilerServices;
using Nuke.CrossBuild.Platforms;
using Nuke.CrossBuild.Verification;

namespace Nuke.CrossBuild.Assembling;

/// <summary>Fluent modifiers for <see cref="ImageAssemblySettings"/> in NUKE's vocabulary; each returns a copy.</summary>
public static class ImageAssemblySettingsExtensions
{
    /// <summary>Sets the platforms.</summary>
    /// <param name="s">The settings.</param>
    /// <param name="platforms">Platform specs.</param>
    /// <returns>A modified copy.</returns>
    [Pure, OverloadResolutionPriority(1)] public static ImageAssemblySettings SetPlatforms(this ImageAssemblySettings s, params string[] platforms) => N(s) with { Platforms = PlatformSelection.Of(platforms) };

    /// <summary>Sets the platforms.</summary>
    /// <param name="s">The settings.</param>
    /// <param name="platforms">The selection (<see cref="PlatformSelection.AsBuilt"/>: what the matrix built).</param>
    /// <returns>A modified copy.</returns>
    [Pure] public static ImageAssemblySettings SetPlatforms(this ImageAssemblySettings s, PlatformSelection platforms) => N(s) with { Platforms = platforms ?? throw new ArgumentNullException(nameof(platforms)) };

    /// <summary>Hands over the matrix's binaries an earlier step collected and verified (<see cref="MatrixBinaries.Collect"/>); the pattern and name are then not read.</summary>
    /// <param name="s">The settings.</param>
    /// <param name="binaries">The binaries.</param>
    /// <returns>A modified copy.</returns>
    [Pure] public static ImageAssemblySettings SetMatrixBinaries(this ImageAssemblySettings s, MatrixBinaries binaries) => N(s) with { MatrixBinaries = binaries ?? throw new ArgumentNullException(nameof(binaries)) };

    /// <summary>Sets the binaries' output pattern.</summary>
    /// <param name="s">The settings.</param>
    /// <param name="pattern">For example <c>dist/{platform}/{name}</c>.</param>
    /// <returns>A modified copy.</returns>
    [Pure] public static ImageAssemblySettings SetBinaries(this ImageAssemblySettings s, string pattern) => N(s) with { Binaries = pattern };

    /// <summary>Sets the binary name.</summary>
    /// <param name="s">The settings.</param>
    /// <param name="name">The name.</param>
    /// <returns>A modified copy.</returns>
    [Pure] public static ImageAssemblySettings SetName(this ImageAssemblySettings s, string name) => N(s) with { Name = name };

    /// <summary>Sets the base image.</summary>
    /// <param name="s">The settings.</param>
    /// <param name="image"><c>scratch</c>, an OCI layout directory, an OCI tarball or a registry reference.</param>
    /// <returns>A modified copy.</returns>
    [Pure] public static ImageAssemblySettings SetBase(this ImageAssemblySettings s, string image) => N(s) with { Base = image };

    /// <summary>Adds a root file system tarball as a layer below the binary.</summary>
    /// <param name="s">The settings.</param>
    /// <param name="tarball">A path pattern (<c>{os}</c>, <c>{arch}</c>, <c>{variant}</c>, <c>{platform}</c>), e.g. <c>rootfs/glibc-{arch}{variant}.tar</c>.</param>
    /// <returns>A modified copy.</returns>
    [Pure] public static ImageAssemblySettings AddLayer(this ImageAssemblySettings s, string tarball) => N(s) with { Layers = [.. s.Layers, tarball] };

    /// <summary>Sets the directory in the image the binary goes to.</summary>
    /// <param name="s">The settings.</param>
    /// <param name="directory">An absolute path in the image, e.g. <c>/app</c>.</param>
    /// <returns>A modified copy.</returns>
    [Pure] public static ImageAssemblySettings SetBinaryDirectory(this ImageAssemblySettings s, string directory) => N(s) with { BinaryDirectory = directory };

    /// <summary>Sets the entrypoint.</summary>
    /// <param name="s">The settings.</param>
    /// <param name="entrypoint">The program and its first arguments.</param>
    /// <returns>A modified copy.</returns>
    [Pure] public static ImageAssemblySettings SetEntrypoint(this ImageAssemblySettings s, params string[] entrypoint) => N(s) with { Entrypoint = entrypoint };

    /// <summary>Sets the default arguments.</summary>
    /// <param name="s">The settings.</param>
    /// <param name="cmd">The arguments.</param>
    /// <returns>A modified copy.</returns>
    [Pure] public static ImageAssemblySettings SetCmd(this ImageAssemblySettings s, params string[] cmd) => N(s) with { Cmd = cmd };

    /// <summary>Adds an environment variable.</summary>
    /// <param name="s">The settings.</param>
    /// <param name="name">The name.</param>
    /// <param name="value">The value.</param>
    /// <returns>A modified copy.</returns>
    [Pure] public static ImageAssemblySettings AddEnvironmentVariable(this ImageAssemblySettings s, string name, string value) => N(s) with { Environment = [.. s.Environment, new(name, value)] };

    /// <summary>Sets the working directory.</summary>
    /// <param name="s">The settings.</param>
    /// <param name="directory">An absolute path in the image.</param>
    /// <returns>A modified copy.</returns>
    [Pure] public static ImageAssemblySettings SetWorkingDirectory(this ImageAssemblySettings s, string directory) => N(s) with { WorkingDirectory = directory };

    /// <summary>Sets the user.</summary>
    /// <param name="s">The settings.</param>
    /// <param name="user"><c>uid[:gid]</c>.</param>
    /// <returns>A modified copy.</returns>
    [Pure] public static ImageAssemblySettings SetUser(this ImageAssemblySettings s, string user) => N(s) with { User = user };

    /// <summary>Adds a config label.</summary>
    /// <param name="s">The settings.</param>
    /// <param name="name">The name, e.g. <c>org.opencontainers.image.source</c>.</param>
    /// <param name="value">The value.</param>
    /// <returns>A modified copy.</returns>
    [Pure] public static ImageAssemblySettings AddLabel(this ImageAssemblySettings s, string name, string value) => N(s) with { Labels = [.. s.Labels, new(name, value)] };

    /// <summary>Adds an annotation to the index and every manifest.</summary>
    /// <param name="s">The settings.</param>
    /// <param name="name">The name.</param>
    /// <param name="value">The value.</param>
    /// <returns>A modified copy.</returns>
    [Pure] public static ImageAssemblySettings AddAnnotation(this ImageAssemblySettings s, string name, string value) => N(s) with { Annotations = [.. s.Annotations, new(name, value)] };

    /// <summary>Adds an extra file.</summary>
    /// <param name="s">The settings.</param>
    /// <param name="source">The host file.</param>
    /// <param name="destination">Its absolute path in the image.</param>
    /// <returns>A modified copy.</returns>
    [Pure] public static ImageAssemblySettings AddFile(this ImageAssemblySettings s, string source, string destination) => N(s) with { Files = [.. s.Files, new(source, destination)] };

    /// <summary>Sets the time of every file and of the config.</summary>
    /// <param name="s">The settings.</param>
    /// <param name="epoch">Unix seconds.</param>
    /// <returns>A modified copy.</returns>
    [Pure] public static ImageAssemblySettings SetEpoch(this ImageAssemblySettings s, long epoch) => N(s) with { Epoch = epoch >= 0 ? epoch : throw new ArgumentOutOfRangeException(nameof(epoch), epoch, "expected Unix seconds, 0 or more") };

    /// <summary>Sets the image name recorded in the layout.</summary>
    /// <param name="s">The settings.</param>
    /// <param name="tag">For example <c>app:1</c>.</param>
    /// <returns>A modified copy.</returns>
    [Pure] public static ImageAssemblySettings SetTag(this ImageAssemblySettings s, string tag) => N(s) with { Tag = tag };

    /// <summary>Requires static binaries.</summary>
    /// <param name="s">The settings.</param>
    /// <returns>A modified copy.</returns>
    [Pure] public static ImageAssemblySettings EnableStatic(this ImageAssemblySettings s) => N(s) with { RequireStatic = true };

    /// <summary>Keeps a record of passing verdicts, so platform manifests identical to ones that passed before are not read back again.</summary>
    /// <param name="s">The settings.</param>
    /// <param name="directory">The record's directory (keep it in the build's own output, such as <c>artifacts/verdicts</c>), or null to turn it off.</param>
    /// <returns>A modified copy.</returns>
    [Pure] public static ImageAssemblySettings SetVerdictRecord(this ImageAssemblySettings s, string? directory) => N(s) with { VerdictRecord = directory };

    /// <summary>Assembles a base image: the layers and extra files only, no binary.</summary>
    /// <param name="s">The settings.</param>
    /// <returns>A modified copy.</returns>
    [Pure] public static ImageAssemblySettings EnableBaseOnly(this ImageAssemblySettings s) => N(s) with { BaseOnly = true };

    /// <summary>Sets the directory the binaries pattern and extra files are relative to.</summary>
    /// <param name="s">The settings.</param>
    /// <param name="directory">The directory.</param>
    /// <returns>A modified copy.</returns>
    [Pure] public static ImageAssemblySettings SetSourceDirectory(this ImageAssemblySettings s, string directory) => N(s) with { SourceDirectory = directory };

    /// <summary>Writes the image as an OCI layout directory.</summary>
    /// <param name="s">The settings.</param>
    /// <param name="directory">The directory.</param>
    /// <returns>A modified copy.</returns>
    [Pure] public static ImageAssemblySettings SetOciLayout(this ImageAssemblySettings s, string directory) => N(s) with { OciLayout = directory };

    /// <summary>Writes the image as an OCI layout tarball.</summary>
    /// <param name="s">The settings.</param>
    /// <param name="file">The tarball.</param>
    /// <returns>A modified copy.</returns>
    [Pure] public static ImageAssemblySettings SetArchive(this ImageAssemblySettings s, string file) => N(s) with { Archive = file };

    /// <summary>Pushes the image to a registry.</summary>
    /// <param name="s">The settings.</param>
    /// <param name="reference"><c>registry/repository:tag</c>.</param>
    /// <returns>A modified copy.</returns>
    [Pure] public static ImageAssemblySettings EnablePush(this ImageAssemblySettings s, string reference) => N(s) with { Push = reference };

    /// <summary>Sets the chunk size of a push.</summary>
    /// <param name="s">The settings.</param>
    /// <param name="bytes">Blobs larger than this go up in chunks of this size.</param>
    /// <returns>A modified copy.</returns>
    [Pure] public static ImageAssemblySettings SetChunkSize(this ImageAssemblySettings s, long bytes) => N(s) with { ChunkSize = bytes > 0 ? bytes : throw new ArgumentOutOfRangeException(nameof(bytes), bytes, "expected a positive number of bytes") };

    /// <summary>Adds tags (names only) the pushed index also gets in the push repository.</summary>
    /// <param name="s">The settings.</param>
    /// <param name="tags">For example <c>1.4.0</c>, <c>1.4</c>, <c>latest</c>.</param>
    /// <returns>A modified copy.</returns>
    [Pure] public static ImageAssemblySettings AddTags(this ImageAssemblySettings s, params string[] tags) => N(s) with { ExtraTags = [.. s.ExtraTags, .. tags] };

    /// <summary>Allows plain HTTP to a registry that is not on loopback.</summary>
    /// <param name="s">The settings.</param>
    /// <returns>A modified copy.</returns>
    [Pure] public static ImageAssemblySettings EnableInsecure(this ImageAssemblySettings s) => N(s) with { Insecure = true };

    /// <summary>Signs the pushed image after it verified: cosign's signature and SLSA Verification Summaries, where <c>cosign verify</c> looks.</summary>
    /// <param name="s">The settings.</param>
    /// <param name="path">An ECDSA P-256 PKCS#8 PEM private key file.</param>
    /// <returns>A modified copy.</returns>
    [Pure] public static ImageAssemblySettings SetSignKey(this ImageAssemblySettings s, string path) => N(s) with { SignKey = path };

    private static ImageAssemblySettings N(ImageAssemblySettings s) => s ?? throw new ArgumentNullException(nameof(s));
}
