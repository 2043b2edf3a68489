using System.Text.Json;

namespace Nuke.CrossBuild.Signing;

// Strict JSON for signed documents (I-JSON: no name twice, UTF-8, bounded), with SignatureException messages.
internal static class SignedJson
{
    private static readonly JsonDocumentOptions Options = new() { AllowDuplicateProperties = false, MaxDepth = 32 };

    public static JsonDocument Parse(byte[] content, int maxBytes, string what)
    {
        if (content.Length > maxBytes)
        {
            throw new SignatureException($"{what}: expected at most {maxBytes} bytes, got {content.Length}");
        }

        if (!System.Text.Unicode.Utf8.IsValid(content))
        {
            throw new SignatureException($"{what}: expected UTF-8 JSON, got invalid UTF-8");
        }

        try
        {
            var document = JsonDocument.Parse(content, Options);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                return document;
            }

            document.Dispose();
            throw new SignatureException($"{what}: expected a JSON object, got {document.RootElement.ValueKind}");
        }
        catch (JsonException e)
        {
            throw new SignatureException($"{what}: expected JSON, got invalid JSON ({e.Message.Split('\n')[0].TrimEnd('.')})");
        }
    }

    public static string? Text(JsonElement element, string name)
        => element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    public static JsonElement Child(JsonElement element, string name, string what)
        => element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object
            ? value : throw new SignatureException($"{what}: expected an object \"{name}\", got none");

    public static byte[] Base64(JsonElement element, string name, string what)
    {
        var text = Text(element, name) ?? throw new SignatureException($"{what}: expected a base64 \"{name}\", got none");
        try
        {
            return Convert.FromBase64String(text);
        }
        catch (FormatException)
        {
            throw new SignatureException($"{what}: expected base64 in \"{name}\", got text that does not decode");
        }
    }

    public static string Show(string? text) => text is null ? "none" : Internal.LogText.Escape(text.Length > 100 ? text[..100] + "…" : text);
}
