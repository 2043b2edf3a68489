using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Nuke.CrossBuild.Oci;
using Nuke.CrossBuild.Tar;
using Nuke.CrossBuild.Verification;

namespace Nuke.CrossBuild.Assembling;

/// <summary>
/// Layers an assembly made before, taken from the layout it replaces instead of written (tarred, gzipped, hashed) again.
/// A <see cref="VerdictRecord"/> entry maps a layer's inputs — the SHA-256 of every file's content with its path and mode,
/// or of a root file system tarball — and its recipe (kind, epoch) to the layer it gave; the blob is taken from the old
/// layout only when its bytes still hash to that digest (checked while copied), so a changed input finds no entry and a
/// changed blob is written again. With no record every layer is written (and with no old layout, written and recorded).
/// </summary>
internal sealed class LayerReuse(VerdictRecord? record, string? previousBlobs, string blobs, long epoch)
{
    private int reusedCount;

    /// <summary>Gets how many layers were taken from the old layout (safe to call from several platforms at once).</summary>
    public int Reused => Volatile.Read(ref reusedCount);

    /// <summary>The inputs of a layer of files: their contents, paths and modes, as one digest.</summary>
    public static string FilesInput(IReadOnlyList<LayerFile> files)
        => Digest(new JsonArray([.. files.Select(f => (JsonNode?)new JsonArray(new JsonNode?[] { JsonValue.Create(f.Destination), JsonValue.Create((int)f.Mode), JsonValue.Create(FileDigest(f.Source)) }))]).ToJsonString());

    /// <summary>The input of a root file system layer: the tarball's content (a <c>.gz</c> name is read another way: part of the recipe).</summary>
    public static string TarballInput(string tarball) => FileDigest(tarball);

    /// <summary>Returns the layer made before from these inputs by this recipe, else writes it (and records what it gave).</summary>
    public async Task<(OciDescriptor Layer, OciDigest DiffId)> LayerAsync(
        Func<string> input, string recipe, Func<Task<(OciDescriptor Layer, OciDigest DiffId)>> write, CancellationToken cancellationToken)
    {
        if (record is null)
        {
            return await write().ConfigureAwait(false);
        }

        var subject = input();
        var policy = new JsonObject { ["check"] = "layer", ["recipe"] = recipe, ["epoch"] = epoch }.ToJsonString();
        if (previousBlobs is not null && await TryReuseAsync(record.Read(subject, policy), cancellationToken).ConfigureAwait(false) is { } reused)
        {
            Interlocked.Increment(ref reusedCount);
            return reused;
        }

        var written = await write().ConfigureAwait(false);
        if (input() == subject) // the inputs did not change while the layer was written
        {
            record.Write(subject, policy, new JsonObject
            {
                ["mediaType"] = written.Layer.MediaType, ["digest"] = written.Layer.Digest, ["size"] = written.Layer.Size, ["diffId"] = written.DiffId.ToString(),
            });
        }

        return written;
    }

    private static string FileDigest(string path) => OciDigest.Sha256File(path).ToString();

    private static string Digest(string text) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    private async Task<(OciDescriptor Layer, OciDigest DiffId)?> TryReuseAsync(JsonObject? verdict, CancellationToken cancellationToken)
    {
        if (verdict is null || Text(verdict, "mediaType") is not { } mediaType || Text(verdict, "digest") is not { } digestText
            || Text(verdict, "diffId") is not { } diffIdText || verdict["size"] is not JsonValue sizeValue || !sizeValue.TryGetValue<long>(out var size)
            || !OciDigest.TryParse(digestText, out var digest, out _) || !OciDigest.TryParse(diffIdText, out var diffId, out _)
            || digest.Algorithm != "sha256" || diffId.Algorithm != "sha256")
        {
            return null; // no entry, or one this build cannot read back: write the layer
        }

        var layer = new OciDescriptor { MediaType = mediaType, Digest = digest.ToString(), Size = size };
        return await CopyAsync(digest, size, cancellationToken).ConfigureAwait(false) ? (layer, diffId) : null;
    }

    private static string? Text(JsonObject entry, string name) => entry[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    // Copies the old layout's blob into the new one, hashing it on the way: true only when its bytes are the digest's.
    private async Task<bool> CopyAsync(OciDigest digest, long size, CancellationToken cancellationToken)
    {
        var target = Path.Combine(blobs, digest.Encoded);
        var source = new FileInfo(Path.Combine(previousBlobs!, digest.Encoded));
        if (File.Exists(target))
        {
            return true; // written (and hashed) by this assembly already, for another platform
        }

        if (!source.Exists || source.LinkTarget is not null || source.Length != size)
        {
            return false;
        }

        var temp = Path.Combine(blobs, $".reuse-{Guid.NewGuid():n}");
        try
        {
            OciDigest copied;
            long written;
            await using (var from = new FileStream(source.FullName, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true))
            await using (var to = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
            await using (var hashing = new Streams.HashingWriteStream(to, leaveOpen: true))
            {
                await from.CopyToAsync(hashing, 1 << 16, cancellationToken).ConfigureAwait(false);
                (copied, written) = (hashing.Digest(), hashing.Written);
            }

            if (copied != digest || written != size)
            {
                return false;
            }

            File.Move(temp, target, overwrite: true);
            return true;
        }
        finally
        {
            File.Delete(temp);
        }
    }
}
