using System.Text.Json;

namespace Nuke.CrossBuild.Oci;

/// <summary>Parses OCI JSON strictly (I-JSON: a name twice in one object is an error, so two parsers cannot read the same bytes differently).</summary>
internal static class OciJson
{
    private static readonly JsonDocumentOptions Options = new() { AllowDuplicateProperties = false, MaxDepth = 32 };

    /// <summary>Parses bytes that must be a JSON object.</summary>
    public static JsonDocument Object(byte[] content, string what)
    {
        // System.Text.Json checks string encoding only when a string is read: refuse invalid UTF-8 before parsing.
        if (!System.Text.Unicode.Utf8.IsValid(content))
        {
            throw new ContentVerificationException($"{what} is not valid JSON (not UTF-8)");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(content, Options);
        }
        catch (JsonException e)
        {
            throw new ContentVerificationException($"{what} is not valid JSON ({e.Message.Split('\n')[0].TrimEnd('.')})");
        }

        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            document.Dispose();
            throw new ContentVerificationException($"{what} is not a JSON object");
        }

        return document;
    }

    public static string? Text(JsonElement element, string name)
        => element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    public static JsonElement? Child(JsonElement element, string name, JsonValueKind kind)
        => element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == kind ? value : null;
}
