using System.Security.Cryptography;
using Nuke.CrossBuild.Internal;
using Nuke.CrossBuild.Signing;
using Nuke.CrossBuild.Tests.Infra;

namespace Nuke.CrossBuild.Tests.Signing;

/// <summary>Throw-away keys written to a test's directory, and the real cosign as the judge.</summary>
internal static class TestKeys
{
    public const string Cosign = "/usr/bin/cosign";

    /// <summary>A new P-256 key pair as PKCS#8 and SPKI PEM files; returns (private path, public path).</summary>
    public static (string Private, string Public) Write(TempDirectory dir, string name = "key")
    {
        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return (dir.Write($"{name}.pem", ecdsa.ExportPkcs8PrivateKeyPem()), dir.Write($"{name}.pub.pem", ecdsa.ExportSubjectPublicKeyInfoPem()));
    }

    public static SigningKey Load(TempDirectory dir, string name = "key") => SigningKey.Load(Write(dir, name).Private);

    /// <summary>Runs cosign (offline: no transparency log, no TUF root) with an empty password for its own keys.</summary>
    public static async Task<ToolResult> RunCosignAsync(TempDirectory dir, params string[] args)
    {
        await Requires.ToolAsync(Cosign, "cosign is the independent judge of signatures");
        var env = new Dictionary<string, string?> { ["COSIGN_PASSWORD"] = "test", ["HOME"] = dir.Path, ["SIGSTORE_NO_CACHE"] = "1", ["TUF_ROOT"] = dir.Combine(".sigstore") };
        return await Tool.RunAsync(Cosign, args, env, dir.Path, cancellationToken: TestContext.Current.CancellationToken);
    }

    /// <summary>A cosign-generated key pair (cosign.key encrypted with the password, cosign.pub).</summary>
    public static async Task<(string Private, string Public)> CosignPairAsync(TempDirectory dir)
    {
        var result = await RunCosignAsync(dir, "generate-key-pair");
        Assert.True(result.Succeeded, result.StdErr);
        return (dir.Combine("cosign.key"), dir.Combine("cosign.pub"));
    }
}
