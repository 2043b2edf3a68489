using Nuke.CrossBuild.Platforms;
using Nuke.CrossBuild.Verification;

namespace Nuke.CrossBuild.Images;

/// <summary>
/// Verifies a multi-platform image: the index holds exactly the expected platforms, and in every platform's
/// layers the program the container runs (or a given path) is a binary for that platform. Catches the
/// right-arch manifest holding a wrong-arch binary.
/// </summary>
public static class ImageVerifier
{
    private const int MaxJsonBlob = 4 * 1024 * 1024;

    /// <summary>Verifies an image from a source.</summary>
    /// <param name="source">The registry, layout or tarball.</param>
    /// <param name="expected">The platforms the index must hold, or null to accept what it holds.</param>
    /// <param name="path">The file to check in each platform, or null for the entrypoint (else the command).</param>
    /// <param name="requireStatic">Whether the binary must be statically linked.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The outcome.</returns>
    /// <exception cref="CrossBuildException">The image cannot be read or is malformed (one-line reason).</exception>
    public static async Task<ImageVerification> VerifyAsync(IImageSource source, IReadOnlyList<Platform>? expected, string? path = null, bool requireStatic = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        try
        {
            return await VerifyCoreAsync(source, expected, path, requireStatic, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or InvalidDataException or InvalidOperationException or FormatException or ArgumentException or EndOfStreamException or IOException)
        {
            throw new CrossBuildException($"{source.Name}: malformed image: {e.Message.Split('\n')[0]}", e);
        }
    }

    private static async Task<ImageVerification> VerifyCoreAsync(IImageSource source, IReadOnlyList<Platform>? expected, string? path, bool requireStatic, CancellationToken cancellationToken)
    {
        var name = source.Name;
        var problems = new List<string>();
        var entries = await ReadEntriesAsync(source, cancellationToken).ConfigureAwait(false);
        var images = entries.Where(e => !e.IsAttestation).ToList();
        var listed = images.Select(e => e.PlatformText ?? "unknown").ToList();
        foreach (var unknown in images.Where(e => e.Platform is null))
        {
            problems.Add($"image {name} lists platform '{unknown.PlatformText}' that crossbuild does not know");
        }

        foreach (var duplicate in images.Where(e => e.Platform is not null).GroupBy(e => e.Platform).Where(g => g.Count() > 1))
        {
            problems.Add($"image {name} lists {duplicate.Key} {duplicate.Count()} times");
        }

        if (expected is not null)
        {
            var present = images.Select(e => e.Platform).OfType<Platform>().ToHashSet();
            var missing = expected.Where(p => !present.Contains(p)).ToList();
            var extra = present.Where(p => !expected.Contains(p)).ToList();
            if (missing.Count > 0 || extra.Count > 0)
            {
                problems.Add($"image {name} does not hold the expected platforms: expected {string.Join(", ", expected)}, got {string.Join(", ", listed)}"
                    + (missing.Count > 0 ? $" (missing {string.Join(", ", missing)})" : string.Empty) + (extra.Count > 0 ? $" (unexpected {string.Join(", ", extra)})" : string.Empty));
            }
        }

        var results = new List<ImagePlatformVerification>();
        foreach (var entry in images.Where(e => e.Platform is not null))
        {
            var result = await VerifyPlatformAsync(source, entry, path, requireStatic, cancellationToken).ConfigureAwait(false);
            problems.AddRange(result.Problems);
            results.Add(result);
        }

        return new ImageVerification
        {
            Image = name,
            Platforms = listed,
            Attestations = [.. entries.Where(e => e.IsAttestation).Select(e => e.Digest)],
            Entries = results,
            Problems = problems,
        };
    }

    private static async Task<ImagePlatformVerification> VerifyPlatformAsync(IImageSource source, OciDescriptor entry, string? path, bool requireStatic, CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        var platform = entry.Platform!;
        var prefix = $"image {source.Name} {platform}";
        var manifest = ImageManifest.Parse(await ReadBlobAsync(source, entry.Digest, cancellationToken, manifest: true).ConfigureAwait(false), prefix);
        var config = ImageConfig.Parse(await ReadBlobAsync(source, manifest.Config.Digest, cancellationToken).ConfigureAwait(false));
        var size = manifest.Config.Size + manifest.Layers.Sum(l => l.Size);
        if (Platform.TryParse(config.PlatformText, out var configPlatform, out _) && configPlatform != platform)
        {
            problems.Add($"{prefix}: the index says {platform} but the image config says {config.PlatformText}");
        }

        var program = path ?? config.Program;
        if (program is null)
        {
            problems.Add($"{prefix}: no Entrypoint or Cmd names a program to check; pass the binary's path (--path)");
            return new ImagePlatformVerification(platform, entry.Digest, null, null, problems) { Size = size };
        }

        var finder = new LayerFileFinder(source, manifest.Layers);
        var candidates = program.Contains('/', StringComparison.Ordinal) ? [program.StartsWith('/') ? program : "/" + program] : config.Path.Select(d => $"{d.TrimEnd('/')}/{program}");
        foreach (var candidate in candidates)
        {
            if (await finder.ExtractAsync(candidate, cancellationToken).ConfigureAwait(false) is not { } found)
            {
                continue;
            }

            try
            {
                var report = BinaryInspector.Inspect(found.TempFile) with { File = $"{source.Name}[{platform}]:{found.ResolvedPath}" };
                var verification = BinaryVerifier.Verify(report, platform, requireStatic);
                problems.AddRange(verification.Problems);
                if (report.Interpreter is { } interpreter)
                {
                    if (await finder.ExtractAsync(interpreter, cancellationToken).ConfigureAwait(false) is { } loader)
                    {
                        File.Delete(loader.TempFile);
                    }
                    else
                    {
                        problems.Add($"{prefix}: {found.ResolvedPath} needs the dynamic loader {interpreter}, which the image does not have (it would fail with 'no such file or directory'); build it static or use a base image with that libc");
                    }
                }

                return new ImagePlatformVerification(platform, entry.Digest, found.ResolvedPath, verification, problems) { Size = size };
            }
            finally
            {
                File.Delete(found.TempFile);
            }
        }

        problems.Add($"{prefix}: {program} is not in the image{(program.Contains('/', StringComparison.Ordinal) ? string.Empty : $" (searched PATH {string.Join(":", config.Path)})")}");
        return new ImagePlatformVerification(platform, entry.Digest, null, null, problems) { Size = size };
    }

    // The index entries, descending through an OCI layout's top index or standing in for a single-platform manifest.
    private static async Task<List<OciDescriptor>> ReadEntriesAsync(IImageSource source, CancellationToken cancellationToken)
    {
        var (mediaType, content) = await source.GetRootAsync(cancellationToken).ConfigureAwait(false);
        for (var depth = 0; depth < 4; depth++)
        {
            var declared = ManifestMediaType(content) ?? mediaType;
            var isManifest = MediaTypes.IsManifest(declared)
                || (!MediaTypes.IsIndex(declared) && content.AsSpan().IndexOf("\"layers\""u8) >= 0 && content.AsSpan().IndexOf("\"manifests\""u8) < 0);
            if (isManifest)
            {
                var manifest = ImageManifest.Parse(content, source.Name);
                var config = ImageConfig.Parse(await ReadBlobAsync(source, manifest.Config.Digest, cancellationToken).ConfigureAwait(false));
                return [new OciDescriptor { MediaType = declared ?? MediaTypes.OciManifest, Digest = Sha256(content), PlatformText = config.PlatformText }];
            }

            var entries = ImageManifest.ParseIndex(content).ToList();
            if (entries.Count == 1 && MediaTypes.IsIndex(entries[0].MediaType))
            {
                content = await ReadBlobAsync(source, entries[0].Digest, cancellationToken, manifest: true).ConfigureAwait(false);
                mediaType = entries[0].MediaType;
                continue;
            }

            return entries;
        }

        throw new CrossBuildException($"{source.Name}: indexes nested too deep");
    }

    private static string? ManifestMediaType(byte[] content)
    {
        try
        {
            return ImageManifest.MediaTypeOf(content);
        }
        catch (System.Text.Json.JsonException e)
        {
            throw new CrossBuildException($"manifest is not valid JSON: {e.Message}");
        }
    }

    private static string Sha256(byte[] content) => "sha256:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(content));

    private static async Task<byte[]> ReadBlobAsync(IImageSource source, string digest, CancellationToken cancellationToken, bool manifest = false)
    {
        await using var stream = await (manifest ? source.OpenManifestAsync(digest, cancellationToken) : source.OpenBlobAsync(digest, cancellationToken)).ConfigureAwait(false);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        for (int n; (n = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0;)
        {
            buffer.Write(chunk, 0, n);
            if (buffer.Length > MaxJsonBlob)
            {
                throw new CrossBuildException($"{source.Name}: blob {digest} is larger than {MaxJsonBlob} bytes, too large for a manifest or config");
            }
        }

        var bytes = buffer.ToArray();
        var actual = Sha256(bytes);
        return !digest.StartsWith("sha256:", StringComparison.Ordinal) || actual == digest
            ? bytes
            : throw new CrossBuildException($"{source.Name}: blob {digest} does not match its digest (got {actual})");
    }
}
