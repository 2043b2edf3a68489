using System.Security.Cryptography;

namespace Nuke.CrossBuild.Signing;

// Reads a key PEM file (bounded, regular file) and parses its one block, with one-line errors that never quote key material.
internal static class PemFile
{
    private const int MaxBytes = 64 * 1024;

    public static string Read(string path, string what)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var kind = Internal.UnixFile.KindOf(path, followLinks: true);
        if (kind != Internal.FileKind.Regular)
        {
            throw new SignatureException($"{what} {path}: expected a regular PEM file, got {Internal.UnixFile.Describe(kind)}");
        }

        var length = new FileInfo(path).Length;
        if (length > MaxBytes)
        {
            throw new SignatureException($"{what} {path}: expected a PEM file of at most {MaxBytes} bytes, got {length}");
        }

        return File.ReadAllText(path);
    }

    // The one PEM block's label and DER bytes.
    public static (string Label, byte[] Der) Block(string text, string where)
    {
        if (!PemEncoding.TryFind(text, out var fields))
        {
            throw new SignatureException($"{where}: expected a PEM key (-----BEGIN …-----), got no PEM block");
        }

        var label = text[fields.Label].ToString();
        var der = new byte[fields.DecodedDataLength];
        if (!Convert.TryFromBase64Chars(text[fields.Base64Data], der, out _))
        {
            throw new SignatureException($"{where}: expected base64 inside the PEM block, got text that does not decode");
        }

        return (label, der);
    }

    // The curve must be P-256 (cosign's and this project's only key type).
    public static void RequireP256(ECParameters parameters, string where)
    {
        var oid = parameters.Curve.Oid?.Value;
        if (oid != ECCurve.NamedCurves.nistP256.Oid.Value)
        {
            var name = oid switch { "1.3.132.0.34" => "P-384", "1.3.132.0.35" => "P-521", "1.3.132.0.10" => "secp256k1", null => "an explicit curve", _ => parameters.Curve.Oid?.FriendlyName ?? oid };
            throw new SignatureException($"{where}: expected an ECDSA P-256 key, got curve {name}");
        }
    }
}
