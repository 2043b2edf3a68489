using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Nuke.CrossBuild.Tar;
using Nuke.CrossBuild.Verification;

namespace Nuke.CrossBuild.Publish.Releases;

/// <summary>
/// Prepares a release's files from the Go matrix's binaries, GoReleaser-style: every binary verified first, one archive
/// per platform (<c>{name}_{version}_{os}_{arch}[_{variant}].tar.gz</c>, <c>.zip</c> for Windows) holding the binary and the
/// README and LICENSE when present, reproducible byte for byte; then <c>SHA256SUMS</c> and the verification report.
/// </summary>
public static class ReleaseAssets
{
    /// <summary>The checksums asset's name.</summary>
    public const string SumsName = "SHA256SUMS";

    /// <summary>The checksums' signature asset's name (base64 ECDSA signature, <c>cosign verify-blob</c>'s form).</summary>
    public const string SumsSignatureName = "SHA256SUMS.sig";

    private static readonly string[] ExtraFiles = ["README.md", "README", "LICENSE", "LICENSE.md", "LICENSE.txt"];

    /// <summary>Writes the release's files into the output directory.</summary>
    /// <param name="settings">The settings.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The assets: archives (in platform order), the report, SHA256SUMS.sig when signing, then SHA256SUMS (over the archives and the report).</returns>
    /// <exception cref="CrossBuildException">Invalid settings, a missing binary or two assets with one name.</exception>
    /// <exception cref="Signing.SignatureException">The signing key cannot be used (checked before anything is written).</exception>
    /// <exception cref="VerificationException">A binary is not for its platform (or not static when required); nothing was written.</exception>
    public static async Task<IReadOnlyList<ReleaseAsset>> PrepareAsync(ReleaseSettings settings, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ReleaseNames.CheckTag(settings.Tag); // before the tag's version names any file
        using var key = settings.SignKey is { } keyPath ? Signing.SigningKey.Load(keyPath) : null; // a bad key fails before any work; it signs only after all verified

        var source = Path.GetFullPath(settings.SourceDirectory ?? Directory.GetCurrentDirectory());
        var binaries = Binaries(settings, source);

        // A binary named ..\..\Startup\evil.exe is one file name on Linux but a path to a Windows unzipper.
        binaries.ToList().ForEach(b => ReleaseNames.CheckFileName(b.Name, "binary name"));
        var project = settings.ProjectName ?? Path.GetFileNameWithoutExtension(binaries[0].Name);
        ReleaseNames.CheckFileName(project, "project name");
        var names = binaries.Select(b => $"{project}_{settings.Version}_{b.Platform.ToSlug()}{(b.Platform.Os == "windows" ? ".zip" : ".tar.gz")}").ToList();
        if (names.GroupBy(n => n, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1) is { } collision)
        {
            throw new InputException($"two platforms make the asset {collision.Key}: expected one asset name per platform (check the platform list)");
        }

        var epoch = await SourceDateEpoch.ResolveAsync(settings.Epoch, source, cancellationToken: cancellationToken).ConfigureAwait(false);
        var output = Path.GetFullPath(settings.OutputDirectory, source);
        Directory.CreateDirectory(output);
        var extras = Extras(source);
        var assets = new List<ReleaseAsset>();
        var report = new JsonArray();
        for (var i = 0; i < binaries.Count; i++)
        {
            var (platform, binary, verification) = (binaries[i].Platform, binaries[i].Path, binaries[i].Verification);
            var files = extras.Select(e => (e, Path.GetFileName(e), false)).Prepend((binary, binaries[i].Name, true)).ToList();
            var path = Path.Combine(output, names[i]);
            await ReleaseArchive.WriteAsync(path, files, epoch, platform.Os == "windows", cancellationToken).ConfigureAwait(false);
            var sha = await Sha256Async(path, cancellationToken).ConfigureAwait(false);
            assets.Add(new ReleaseAsset(names[i], path, sha, platform.ToString()));
            report.Add((JsonNode)new JsonObject
            {
                ["platform"] = platform.ToString(), ["archive"] = names[i], ["sha256"] = sha, ["binary"] = binaries[i].Name,
                ["report"] = verification.Report.ToString(), ["static"] = verification.Report.IsStatic, ["verified"] = verification.Ok,
            });
        }

        // The report, then SHA256SUMS over the archives and the report: uploaded last, it marks a finished release.
        var reportPath = Path.Combine(output, $"{project}_{settings.Version}_verification.json");
        await File.WriteAllTextAsync(reportPath, report.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }) + "\n", cancellationToken).ConfigureAwait(false);
        assets.Add(new ReleaseAsset(Path.GetFileName(reportPath), reportPath, await Sha256Async(reportPath, cancellationToken).ConfigureAwait(false), null));
        var sums = Path.Combine(output, SumsName);
        var sumsText = Encoding.UTF8.GetBytes(string.Concat(assets.OrderBy(a => a.Name, StringComparer.Ordinal).Select(a => $"{a.Sha256}  {a.Name}\n")));
        await File.WriteAllBytesAsync(sums, sumsText, cancellationToken).ConfigureAwait(false);
        if (key is not null)
        {
            var signature = Path.Combine(output, SumsSignatureName);
            await File.WriteAllTextAsync(signature, Signing.BlobSignature.Sign(key, sumsText), cancellationToken).ConfigureAwait(false);
            assets.Add(new ReleaseAsset(SumsSignatureName, signature, await Sha256Async(signature, cancellationToken).ConfigureAwait(false), null));
        }
        else
        {
            File.Delete(Path.Combine(output, SumsSignatureName)); // a signature of an earlier run's sums is not this run's
        }

        assets.Add(new ReleaseAsset(SumsName, sums, await Sha256Async(sums, cancellationToken).ConfigureAwait(false), null));
        return assets;
    }

    // The hand-over when given, else the binaries at the pattern (by default every platform the matrix built), all verified.
    private static MatrixBinaries Binaries(ReleaseSettings settings, string source)
        => (settings.MatrixBinaries is { } handed ? handed.For(settings.Platforms).VerifiedFor(settings.RequireStatic)
            : MatrixBinaries.Collect(settings.Binaries, settings.BinaryName, settings.Platforms, settings.RequireStatic, source)).EnsureOk();

    // README and LICENSE only as regular files in the source directory, never through a link: a LICENSE linked to
    // /proc/self/environ or a README linked to a secret outside the tree would put it into a public asset.
    private static List<string> Extras(string source)
    {
        var extras = new List<string>();
        foreach (var path in ExtraFiles.Select(n => Path.Combine(source, n)))
        {
            var kind = Internal.UnixFile.KindOf(path, followLinks: false);
            if (kind == Internal.FileKind.Regular)
            {
                extras.Add(path);
            }
            else if (kind != Internal.FileKind.Missing)
            {
                throw new InputException($"{Path.GetFileName(path)} in {source} is {Internal.UnixFile.Describe(kind)}: expected a regular file (a release archive never follows a link); "
                    + "replace it with the file itself or remove it; nothing was written");
            }
        }

        return extras;
    }

    /// <summary>Reads a SHA256SUMS file's lines (<c>hex  name</c>) into name → hex.</summary>
    /// <param name="text">The file's content.</param>
    /// <returns>The checksums by asset name.</returns>
    public static IReadOnlyDictionary<string, string> ParseSums(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.Split("  ", 2))
            .Where(p => p.Length == 2 && p[0].Length == 64)
            .GroupBy(p => p[1].Trim(), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First()[0], StringComparer.Ordinal);
    }

    private static async Task<string> Sha256Async(string path, CancellationToken cancellationToken)
    {
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(file, cancellationToken).ConfigureAwait(false));
    }
}
