using Nuke.CrossBuild.Assembling;
using Nuke.CrossBuild.Oci;
using Nuke.CrossBuild.Platforms;
using Nuke.CrossBuild.Registry;
using Nuke.CrossBuild.Tar;

namespace Nuke.CrossBuild.Pipelines;

/// <summary>
/// The image an assembly writes into its work layout: first every platform's top layer (the binary and extra files),
/// side by side; then, one platform at a time, the base's layers, the root file system tarballs (each written once,
/// however many platforms share it), the config and the manifest; then the index.
/// </summary>
internal sealed class LayoutImage(LayoutWriter layout, long epoch, IReadOnlyDictionary<string, string> annotations, LayerReuse reuse)
{
    private readonly List<(OciDescriptor Manifest, Platform Platform)> entries = [];
    private readonly List<OciDescriptor> blobs = [];
    private readonly List<AssembledPlatform> assembled = [];
    private readonly Dictionary<string, (OciDescriptor Layer, OciDigest DiffId)> rootfs = new(StringComparer.Ordinal);
    private readonly Dictionary<Platform, (OciDescriptor Layer, OciDigest DiffId)?> tops = [];

    /// <summary>Gets the configs and layers written so far (what a push sends before the manifests).</summary>
    public IReadOnlyList<OciDescriptor> Blobs => blobs;

    /// <summary>Gets the platforms' manifests, in order.</summary>
    public IReadOnlyList<OciDescriptor> Manifests => [.. entries.Select(e => e.Manifest)];

    /// <summary>Gets what each platform got.</summary>
    public IReadOnlyList<AssembledPlatform> Assembled => assembled;

    /// <summary>
    /// Writes every platform's top layer (its program and the extra files) side by side, at most one per processor:
    /// hashing, tarring and gzipping them is most of an assembly's work, and each platform's is its own. Blobs land by
    /// digest through a rename, so two platforms with the same files write the same bytes to the same name.
    /// </summary>
    public async Task PrepareAsync(AssemblyPlan plan, CancellationToken cancellationToken)
    {
        var targets = plan.Targets.ToList();
        var written = new (OciDescriptor Layer, OciDigest DiffId)?[targets.Count];
        var options = new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(Enumerable.Range(0, targets.Count), options, async (i, token) => written[i] = await TopAsync(plan, targets[i], token).ConfigureAwait(false)).ConfigureAwait(false);
        for (var i = 0; i < targets.Count; i++)
        {
            tops[targets[i].Platform] = written[i];
        }
    }

    /// <summary>Writes one platform's layers, config and manifest, its top layer the one <see cref="PrepareAsync"/> wrote.</summary>
    public async Task AddAsync(ImageAssemblySettings settings, AssemblyPlan plan, AssemblyTarget target, BasePlatform? below, CancellationToken cancellationToken)
    {
        var name = target.Binary is null ? null : Path.GetFileName(target.Binary);
        var top = tops[target.Platform];
        var extra = await RootfsAsync(target.Tarballs, cancellationToken).ConfigureAwait(false);
        var runtime = ImageAssemblyTasks.Runtime(settings, plan, target.InImage, below?.Config);
        var history = (below?.Layers ?? []).Select(_ => $"base {settings.Base}").Concat(extra.Select(x => $"crossbuild image assemble: layer {x.Name}"))
            .Concat(top is null ? [] : [$"crossbuild image assemble: {name ?? "files"} for {target.Platform}"]).ToList();
        var diffIds = (below?.Config.DiffIds ?? []).Concat(extra.Select(x => x.DiffId)).Concat(top is { } t1 ? [t1.DiffId] : []).ToList();
        var config = await layout.WriteBlobAsync(MediaTypes.OciConfig, OciDocuments.Config(target.Platform, runtime, diffIds, epoch, history), cancellationToken).ConfigureAwait(false);
        var layers = (below?.Layers ?? []).Concat(extra.Select(x => x.Layer)).Concat(top is { } t2 ? [t2.Layer] : []).ToList();
        var manifestAnnotations = below is null ? annotations : new Dictionary<string, string>(annotations) { ["org.opencontainers.image.base.digest"] = below.ManifestDigest };
        var manifest = await layout.WriteBlobAsync(MediaTypes.OciManifest, OciDocuments.Manifest(config, layers, manifestAnnotations), cancellationToken).ConfigureAwait(false);
        entries.Add((manifest, target.Platform));
        blobs.AddRange([config, .. layers]);
        assembled.Add(new AssembledPlatform(target.Platform, target.Binary, manifest.Digest, top?.Layer.Size ?? 0));
    }

    /// <summary>Writes the index and the layout's own files.</summary>
    /// <returns>The index.</returns>
    public async Task<OciDescriptor> FinishAsync(ImageReference? tag, CancellationToken cancellationToken)
    {
        var index = await layout.WriteBlobAsync(MediaTypes.OciIndex, OciDocuments.Index(entries, annotations), cancellationToken).ConfigureAwait(false);
        await layout.FinishAsync(index, tag, cancellationToken).ConfigureAwait(false);
        return index;
    }

    private async Task<(OciDescriptor Layer, OciDigest DiffId)?> TopAsync(AssemblyPlan plan, AssemblyTarget target, CancellationToken cancellationToken)
    {
        var files = target.InImage is null ? plan.Extras : [.. plan.Extras, new LayerFile(target.Binary!, ImagePaths.Normalize(target.InImage, "binary directory"), ImagePaths.Executable)];
        return files.Count == 0 ? null
            : await reuse.LayerAsync(() => LayerReuse.FilesInput(files), $"files, gzip level {ReproducibleLayer.FilesLevel}", () => ReproducibleLayer.WriteAsync(files, epoch, layout.Blobs, cancellationToken), cancellationToken).ConfigureAwait(false);
    }

    private async Task<List<(OciDescriptor Layer, OciDigest DiffId, string Name)>> RootfsAsync(IReadOnlyList<string> tarballs, CancellationToken cancellationToken)
    {
        var extra = new List<(OciDescriptor Layer, OciDigest DiffId, string Name)>();
        foreach (var tarball in tarballs)
        {
            if (!rootfs.TryGetValue(tarball, out var laid))
            {
                var recipe = tarball.EndsWith(".gz", StringComparison.Ordinal) ? "rootfs-gzip" : "rootfs";
                rootfs[tarball] = laid = await reuse.LayerAsync(
                    () => LayerReuse.TarballInput(tarball), recipe, () => RootfsLayer.WriteAsync(tarball, epoch, layout.Blobs, cancellationToken), cancellationToken).ConfigureAwait(false);
            }

            extra.Add((laid.Layer, laid.DiffId, Path.GetFileName(tarball)));
        }

        return extra;
    }
}
