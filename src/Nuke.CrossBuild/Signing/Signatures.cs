namespace Nuke.CrossBuild.Signing;

// Shared decoding with one-line errors.
internal static class Signatures
{
    private const int MaxSignatureChars = 512; // a P-256 DER signature is at most 72 bytes

    public static byte[] FromBase64(string text, string what)
    {
        if (text.Length is 0 or > MaxSignatureChars)
        {
            throw new SignatureException($"{what}: expected base64 of an ECDSA signature, got {text.Length} characters");
        }

        try
        {
            return Convert.FromBase64String(text);
        }
        catch (FormatException)
        {
            throw new SignatureException($"{what}: expected base64 of an ECDSA signature, got text that does not decode");
        }
    }
}
