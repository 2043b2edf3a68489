using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Nuke.CrossBuild.Oci;
using Nuke.CrossBuild.Platforms;
using Nuke.CrossBuild.Registry;

namespace Nuke.CrossBuild.Assembling;

/// <summary>
/// Writes the JSON of an assembled image with one writer and fixed settings: properties in a fixed order, maps sorted
/// by key, no indentation, and '+' and non-ASCII written as they are (System.Text.Json's default encoder would write
/// <c>\u002B</c> in every media type).
/// </summary>
internal static class OciDocuments
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, Indented = false };

    public static string Time(long epoch) => DateTimeOffset.FromUnixTimeSeconds(epoch).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static byte[] Config(Platform platform, ImageRuntimeConfig runtime, IReadOnlyList<OciDigest> diffIds, long epoch, IReadOnlyList<string> history) => Write(w =>
    {
        w.WriteString("created", Time(epoch));
        w.WriteString("architecture", platform.Architecture);
        w.WriteString("os", platform.Os);
        if (platform.Variant is { } variant)
        {
            w.WriteString("variant", variant);
        }

        w.WriteStartObject("config");
        w.WriteString("User", runtime.User);
        Strings(w, "Env", runtime.Environment);
        if (runtime.Entrypoint.Count > 0)
        {
            Strings(w, "Entrypoint", runtime.Entrypoint);
        }

        if (runtime.Cmd.Count > 0)
        {
            Strings(w, "Cmd", runtime.Cmd);
        }

        if (runtime.WorkingDirectory is { } workdir)
        {
            w.WriteString("WorkingDir", workdir);
        }

        Map(w, "Labels", runtime.Labels);
        w.WriteEndObject();
        w.WriteStartObject("rootfs");
        w.WriteString("type", "layers");
        Strings(w, "diff_ids", diffIds.Select(d => d.ToString()));
        w.WriteEndObject();
        w.WriteStartArray("history"); // one entry per layer, as image-spec pairs them
        foreach (var step in history)
        {
            w.WriteStartObject();
            w.WriteString("created", Time(epoch));
            w.WriteString("created_by", step);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    });

    public static byte[] Manifest(OciDescriptor config, IReadOnlyList<OciDescriptor> layers, IReadOnlyDictionary<string, string> annotations) => Write(w =>
    {
        w.WriteNumber("schemaVersion", 2);
        w.WriteString("mediaType", MediaTypes.OciManifest);
        w.WritePropertyName("config");
        Descriptor(w, config, null);
        w.WriteStartArray("layers");
        foreach (var layer in layers)
        {
            Descriptor(w, layer, null);
        }

        w.WriteEndArray();
        Map(w, "annotations", annotations);
    });

    public static byte[] Index(IReadOnlyList<(OciDescriptor Manifest, Platform Platform)> manifests, IReadOnlyDictionary<string, string> annotations) => Write(w =>
    {
        w.WriteNumber("schemaVersion", 2);
        w.WriteString("mediaType", MediaTypes.OciIndex);
        w.WriteStartArray("manifests");
        foreach (var (manifest, platform) in manifests)
        {
            Descriptor(w, manifest, platform);
        }

        w.WriteEndArray();
        Map(w, "annotations", annotations);
    });

    /// <summary>The layout's <c>index.json</c>: one entry, the image index, named when a tag is given (containerd and docker load read these two annotations).</summary>
    public static byte[] LayoutIndex(OciDescriptor index, ImageReference? tag) => Write(w =>
    {
        w.WriteNumber("schemaVersion", 2);
        w.WriteString("mediaType", MediaTypes.OciIndex);
        w.WriteStartArray("manifests");
        var names = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (tag is not null)
        {
            names["io.containerd.image.name"] = tag.ToString();
            names["org.opencontainers.image.ref.name"] = tag.Tag ?? "latest";
        }

        Descriptor(w, index with { Annotations = names }, null);
        w.WriteEndArray();
    });

    public static byte[] LayoutMarker() => "{\"imageLayoutVersion\":\"1.0.0\"}"u8.ToArray();

    private static void Descriptor(Utf8JsonWriter w, OciDescriptor descriptor, Platform? platform)
    {
        w.WriteStartObject();
        w.WriteString("mediaType", descriptor.MediaType);
        w.WriteString("digest", descriptor.Digest);
        w.WriteNumber("size", descriptor.Size);
        if (platform is not null)
        {
            w.WriteStartObject("platform");
            w.WriteString("architecture", platform.Architecture);
            w.WriteString("os", platform.Os);
            if (platform.Variant is { } variant)
            {
                w.WriteString("variant", variant);
            }

            w.WriteEndObject();
        }

        Map(w, "annotations", descriptor.Annotations);
        w.WriteEndObject();
    }

    private static void Strings(Utf8JsonWriter w, string name, IEnumerable<string> values)
    {
        w.WriteStartArray(name);
        foreach (var value in values)
        {
            w.WriteStringValue(value);
        }

        w.WriteEndArray();
    }

    private static void Map(Utf8JsonWriter w, string name, IReadOnlyDictionary<string, string> map)
    {
        if (map.Count == 0)
        {
            return;
        }

        w.WriteStartObject(name);
        foreach (var (key, value) in map.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            w.WriteString(key, value);
        }

        w.WriteEndObject();
    }

    private static byte[] Write(Action<Utf8JsonWriter> body)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            writer.WriteStartObject();
            body(writer);
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }
}
