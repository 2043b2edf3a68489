namespace Nuke.CrossBuild.Publish.Releases;

// The release notes a new release gets: how to check what was downloaded.
internal static class ReleaseNotes
{
    public static string? For(IReadOnlyList<ReleaseAsset> assets)
    {
        if (!assets.Any(a => a.Name == ReleaseAssets.SumsSignatureName))
        {
            return null;
        }

        return $"""
            ## Checking the download

            `{ReleaseAssets.SumsName}` is signed with the project's ECDSA P-256 key (`{ReleaseAssets.SumsSignatureName}`, cosign's blob signature).
            With the project's public key (`pub.pem`, published where you trust it, not only here):

            ```sh
            cosign verify-blob --key pub.pem --signature {ReleaseAssets.SumsSignatureName} --insecure-ignore-tlog {ReleaseAssets.SumsName}
            sha256sum --check --ignore-missing {ReleaseAssets.SumsName}
            ```

            Every binary was verified for its platform before it was archived: see the `_verification.json` asset.
            """;
    }
}
