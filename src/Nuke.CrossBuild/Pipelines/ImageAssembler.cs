using System.Text.RegularExpressions;
using Nuke.CrossBuild.Assembling;
using Nuke.CrossBuild.Images;
using Nuke.CrossBuild.Matrix;
using Nuke.CrossBuild.Oci;
using Nuke.CrossBuild.Platforms;
using Nuke.CrossBuild.Publish;
using Nuke.CrossBuild.Registry;
using Nuke.CrossBuild.Tar;
using Nuke.CrossBuild.Toolchains.Go;
using Nuke.CrossBuild.Verification;

namespace Nuke.CrossBuild.Pipelines;

/// <summary>
/// Assembles multi-platform OCI images from the Go matrix's binaries without an engine (like ko, for any binary the
/// matrix made, cgo and static included): one layer per platform on <c>scratch</c> or on the platform's image of a base,
/// reproducible byte for byte, and verified with the image verifier before anything is written where the user asked.
/// </summary>
public static partial class ImageAssembler
{
    /// <summary>Assembles the image.</summary>
    /// <param name="settings">The settings; <see cref="ImageAssemblySettings.OciLayout"/> and/or <see cref="ImageAssemblySettings.Archive"/> must be set.</param>
    /// <param name="cancellationToken">Stops the assembly; nothing is left behind.</param>
    /// <returns>The index digest and each platform's manifest.</returns>
    /// <exception cref="CrossBuildException">The settings are invalid or a binary is missing.</exception>
    /// <exception cref="VerificationException">A binary is not for its platform (or not static when required); nothing was written.</exception>
    public static async Task<ImageAssembly> AssembleAsync(ImageAssemblySettings settings, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.OciLayout is null && settings.Archive is null && settings.Push is null)
        {
            throw new CrossBuildException("nothing to write: expected an OCI layout directory, an archive and/or a registry (--oci <dir>, --tar <file>, --push <ref>)");
        }

        var push = settings.Push is { } p ? ImageReference.Parse(p) : null;
        if (push?.Digest is not null)
        {
            throw new CrossBuildException($"invalid push reference {settings.Push}: expected registry/repository:tag, got a digest (the digest is the index's, known after assembly)");
        }

        var source = Path.GetFullPath(settings.SourceDirectory ?? Directory.GetCurrentDirectory());
        var platforms = PlatformSpecs.Expand(settings.Platforms.Count > 0 ? settings.Platforms : ["common"]);
        if (platforms.FirstOrDefault(p => p.Os != "linux") is { } other)
        {
            throw new CrossBuildException($"cannot assemble {other}: expected linux platforms (the image is scratch plus Linux binaries)");
        }

        var binaries = platforms.Select(p => (Platform: p, Binary: settings.BaseOnly ? null : GoOutputs.Find(settings.Binaries, settings.Name, source, p))).ToList();
        var problems = binaries.Where(b => b.Binary is not null)
            .SelectMany(b => BinaryVerifier.Verify(b.Binary!, b.Platform, settings.RequireStatic).Problems.Select(x => $"{b.Platform}: {x}")).ToList();
        if (problems.Count > 0)
        {
            throw new VerificationException(problems);
        }

        var epoch = await SourceDateEpoch.ResolveAsync(settings.Epoch, source, cancellationToken: cancellationToken).ConfigureAwait(false);
        var extras = settings.Files.Select(f => ExtraFile(f.Key, f.Value, source)).ToList();
        var tag = settings.Tag is { } t ? ImageReference.Parse(t) : null;
        var work = WorkDirectory(settings);
        try
        {
            var layout = new LayoutWriter(work);
            var bases = settings.Base is { } b && b != "scratch"
                ? await BaseImage.ResolveAsync(b, platforms, settings.Insecure, layout.Blobs, cancellationToken).ConfigureAwait(false)
                : null;
            var entries = new List<(OciDescriptor Manifest, Platform Platform)>();
            var blobs = new List<OciDescriptor>();
            var assembled = new List<AssembledPlatform>();
            var annotations = Annotations(settings, epoch);
            var rootfs = new Dictionary<string, (OciDescriptor Layer, OciDigest DiffId)>(StringComparer.Ordinal);
            var programs = new Dictionary<Platform, string?>();
            foreach (var (platform, binary) in binaries)
            {
                var name = binary is null ? null : Path.GetFileName(binary);
                var inImage = name is null ? null : settings.BinaryDirectory.TrimEnd('/') + "/" + name;
                programs[platform] = inImage;
                var files = inImage is null ? extras : [.. extras, new LayerFile(binary!, ImagePaths.Normalize(inImage, "binary directory"), ImagePaths.Executable)];
                var top = files.Count == 0 ? ((OciDescriptor Layer, OciDigest DiffId)?)null : await ReproducibleLayer.WriteAsync(files, epoch, layout.Blobs, cancellationToken).ConfigureAwait(false);
                var below = bases?[platform];
                var extra = new List<(OciDescriptor Layer, OciDigest DiffId, string Name)>();
                foreach (var pattern in settings.Layers)
                {
                    var tarball = Path.GetFullPath(OutputPattern.Expand(pattern, platform, string.Empty), source);
                    if (!File.Exists(tarball))
                    {
                        throw new CrossBuildException($"{platform}: expected the root file system tarball {tarball} (from --layer {pattern}), found nothing there");
                    }

                    if (!rootfs.TryGetValue(tarball, out var laid))
                    {
                        rootfs[tarball] = laid = await RootfsLayer.WriteAsync(tarball, epoch, layout.Blobs, cancellationToken).ConfigureAwait(false);
                    }

                    extra.Add((laid.Layer, laid.DiffId, Path.GetFileName(tarball)));
                }

                var runtime = Runtime(settings, inImage, below?.Config);
                var history = (below?.Layers ?? []).Select(_ => $"base {settings.Base}").Concat(extra.Select(x => $"crossbuild image assemble: layer {x.Name}"))
                    .Concat(top is null ? [] : [$"crossbuild image assemble: {name ?? "files"} for {platform}"]).ToList();
                var diffIds = (below?.Config.DiffIds ?? []).Concat(extra.Select(x => x.DiffId)).Concat(top is { } t1 ? [t1.DiffId] : []).ToList();
                var config = await layout.WriteBlobAsync(MediaTypes.OciConfig, OciDocuments.Config(platform, runtime, diffIds, epoch, history), cancellationToken).ConfigureAwait(false);
                var layers = (below?.Layers ?? []).Concat(extra.Select(x => x.Layer)).Concat(top is { } t2 ? [t2.Layer] : []).ToList();
                var manifestAnnotations = below is null ? annotations : new Dictionary<string, string>(annotations) { ["org.opencontainers.image.base.digest"] = below.ManifestDigest };
                var manifest = await layout.WriteBlobAsync(MediaTypes.OciManifest, OciDocuments.Manifest(config, layers, manifestAnnotations), cancellationToken).ConfigureAwait(false);
                entries.Add((manifest, platform));
                blobs.AddRange([config, .. layers]);
                assembled.Add(new AssembledPlatform(platform, binary, manifest.Digest, top?.Layer.Size ?? 0));
            }

            var index = await layout.WriteBlobAsync(MediaTypes.OciIndex, OciDocuments.Index(entries, annotations), cancellationToken).ConfigureAwait(false);
            await layout.FinishAsync(index, tag, cancellationToken).ConfigureAwait(false);

            using var written = new OciLayoutSource(work);
            var verification = await ImageVerifier.VerifyAsync(written, platforms, p => programs[p], !settings.BaseOnly, settings.RequireStatic, null, cancellationToken).ConfigureAwait(false);
            if (!verification.Ok)
            {
                throw new VerificationException(verification.Problems);
            }

            var (uploaded, mounted) = (0, 0);
            if (push is not null)
            {
                var mounts = LayoutPublisher.MountSources(settings.Base, push, bases);
                (uploaded, mounted) = await LayoutPublisher.PushAsync(settings, push, work, blobs, [.. entries.Select(e => e.Manifest), index], platforms, programs, mounts, cancellationToken).ConfigureAwait(false);
            }

            if (settings.Archive is { } archive)
            {
                await LayoutArchive.WriteAsync(work, Path.GetFullPath(archive, source), epoch, cancellationToken).ConfigureAwait(false);
            }

            if (settings.OciLayout is { } target)
            {
                LayoutWriter.Replace(work, Path.GetFullPath(target, source));
            }

            return new ImageAssembly { IndexDigest = index.Digest, Epoch = epoch, Platforms = assembled, Verification = verification, UploadedBlobs = uploaded, MountedBlobs = mounted };
        }
        finally
        {
            if (Directory.Exists(work))
            {
                Directory.Delete(work, recursive: true);
            }
        }
    }

    private static LayerFile ExtraFile(string host, string inImage, string source)
    {
        var path = Path.GetFullPath(host, source);
        if (!File.Exists(path))
        {
            throw new CrossBuildException($"invalid --file {host}:{inImage}: expected a file at {path}, found nothing there");
        }

        var executable = !OperatingSystem.IsWindows() && (File.GetUnixFileMode(path) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0;
        return new LayerFile(path, ImagePaths.Normalize(inImage, "--file destination"), executable ? ImagePaths.Executable : ImagePaths.Data);
    }

    private static ImageRuntimeConfig Runtime(ImageAssemblySettings settings, string? binary, ImageConfig? below)
    {
        if (!UserPattern().IsMatch(settings.User))
        {
            throw new CrossBuildException($"invalid user '{settings.User}': expected uid or uid:gid in numbers (scratch has no /etc/passwd to look names up)");
        }

        if (settings.WorkingDirectory is { } workdir)
        {
            ImagePaths.Normalize(workdir, "working directory");
        }

        // The base's environment first (its PATH included), else Docker's default PATH; then ours, a name replacing in place.
        var environment = below is { Env.Count: > 0 }
            ? below.Env.Select(e => e.Split('=', 2)).Select(p => new KeyValuePair<string, string>(p[0], p.Length > 1 ? p[1] : string.Empty)).ToList()
            : [new("PATH", ImageAssemblySettings.DefaultPath)];
        foreach (var (name, value) in settings.Environment)
        {
            if (!EnvironmentName().IsMatch(name))
            {
                throw new CrossBuildException($"invalid environment variable name '{name}': expected letters, digits and '_', not starting with a digit");
            }

            var at = environment.FindIndex(e => e.Key == name);
            if (at >= 0)
            {
                environment[at] = new(name, value); // a later value replaces an earlier one in place, as ENV does
            }
            else
            {
                environment.Add(new(name, value));
            }
        }

        return new ImageRuntimeConfig(
            settings.User,
            environment.Select(e => $"{e.Key}={e.Value}").ToList(),
            settings.Entrypoint.Count > 0 || binary is null ? settings.Entrypoint : [binary],
            settings.Cmd,
            settings.WorkingDirectory ?? (below?.WorkingDir is { } dir && dir != "/" ? dir : null),
            Map(settings.Labels, "label"));
    }

    private static Dictionary<string, string> Annotations(ImageAssemblySettings settings, long epoch)
    {
        var annotations = Map(settings.Annotations, "annotation");
        annotations.TryAdd("org.opencontainers.image.created", OciDocuments.Time(epoch));
        if (settings.Base is { } b && b != "scratch")
        {
            annotations.TryAdd("org.opencontainers.image.base.name", b);
        }

        return annotations;
    }

    private static Dictionary<string, string> Map(IEnumerable<KeyValuePair<string, string>> pairs, string what)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in pairs)
        {
            map[key.Length > 0 ? key : throw new CrossBuildException($"invalid {what}: expected NAME=value, got an empty name")] = value;
        }

        return map;
    }

    private static string WorkDirectory(ImageAssemblySettings settings)
    {
        // Next to the layout directory when there is one, so that putting it in place is a rename on one file system.
        var parent = settings.OciLayout is { } target ? Path.GetDirectoryName(Path.GetFullPath(target.TrimEnd('/'), Path.GetFullPath(settings.SourceDirectory ?? "."))) : null;
        if (parent is null)
        {
            return Internal.RunTemp.CreateDirectory("assemble");
        }

        Directory.CreateDirectory(parent);
        var work = Path.Combine(parent, $".crossbuild-assemble-{Environment.ProcessId}-{Guid.NewGuid():n}");
        Directory.CreateDirectory(work);
        return work;
    }

    [GeneratedRegex("^[0-9]{1,10}(:[0-9]{1,10})?$")]
    private static partial Regex UserPattern();

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex EnvironmentName();
}
