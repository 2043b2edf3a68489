using Nuke.CrossBuild.Platforms;

namespace Nuke.CrossBuild.Pipelines;

/// <summary>Immutable settings of the image pipeline: plan → builder → emulators if needed → build → verify → publish.</summary>
public sealed record ImagePipelineSettings
{
    /// <summary>Gets the build context.</summary>
    public string Context { get; init; } = ".";

    /// <summary>Gets the Dockerfile (default <c>Dockerfile</c> in the context).</summary>
    public string? File { get; init; }

    /// <summary>Gets the platform specs.</summary>
    public PlatformSelection Platforms { get; init; } = PlatformSelection.Default;

    /// <summary>Gets the image repository, e.g. <c>127.0.0.1:5000/app</c>.</summary>
    public string Repository { get; init; } = "app";

    /// <summary>Gets the tag.</summary>
    public string Tag { get; init; } = "latest";

    /// <summary>Gets more full references the pushed image is tagged with (e.g. from <c>GitHubMetadata</c>).</summary>
    public IReadOnlyList<string> ExtraTags { get; init; } = [];

    /// <summary>Gets the image labels (e.g. the <c>org.opencontainers.image.*</c> ones).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Labels { get; init; } = [];

    /// <summary>
    /// Gets whether the image is pushed by digest only (no tag; the per-platform half of a split build, merged later).
    /// The docker driver cannot push by digest: there a throwaway tag <c>crossbuild-digest-*</c> is pushed instead.
    /// </summary>
    public bool PushByDigest { get; init; }

    /// <summary>Gets the build arguments (e.g. base image overrides).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> BuildArgs { get; init; } = [];

    /// <summary>Gets the named build contexts.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> BuildContexts { get; init; } = [];

    /// <summary>Gets whether the image is pushed to its registry.</summary>
    public bool Push { get; init; }

    /// <summary>Gets whether the image is loaded into the local engine (multi-platform needs the containerd image store).</summary>
    public bool Load { get; init; }

    /// <summary>Gets the directory an OCI layout is written to, or null.</summary>
    public string? OciLayout { get; init; }

    /// <summary>Gets whether each platform's binary must be static.</summary>
    public bool RequireStatic { get; init; }

    /// <summary>
    /// Gets the path of an ECDSA P-256 PKCS#8 PEM private key that signs the pushed image after what the registry serves
    /// under the index digest buildx reported verified (cosign's <c>.sig</c> and SLSA Verification Summaries under
    /// <c>.att</c>), or null for no signature; needs <see cref="Push"/> (a by-digest push is one platform: sign the merge).
    /// </summary>
    public string? SignKey { get; init; }

    /// <summary>Gets the binary to verify in each platform, or null for the entrypoint.</summary>
    public string? BinaryPath { get; init; }

    /// <summary>Gets the buildx driver.</summary>
    public string Driver { get; init; } = "docker";

    /// <summary>Gets whether the Dockerfile doctor's errors stop the pipeline before building (default on).</summary>
    public bool StopOnDoctorErrors { get; init; } = true;

    /// <summary>Gets whether base images are always fetched from their registry (<c>--pull</c>) instead of the engine's copies.</summary>
    public bool Pull { get; init; }

    /// <summary>Gets whether each platform's image is run once (natively or under QEMU) after verification, with these arguments.</summary>
    public IReadOnlyList<string>? SmokeArguments { get; init; }

    /// <summary>Gets the directory of a <see cref="Verification.VerdictRecord"/>: platform manifests that passed verification (and their smoke run) under the same checks before are not read or run again; null (the default) judges everything every time.</summary>
    public string? VerdictRecord { get; init; }

    /// <summary>Gets the caches every build reads (<c>--cache-from</c>).</summary>
    public IReadOnlyList<Buildx.BuildxCache> CacheFrom { get; init; } = [];

    /// <summary>Gets the caches the first build writes (<c>--cache-to</c>; the load and layout builds after it only read).</summary>
    public IReadOnlyList<Buildx.BuildxCache> CacheTo { get; init; } = [];

    /// <summary>Gets the provenance attestation of a pushed image (<c>mode=max</c>, <c>mode=min</c>), or null for none (the default: <c>--provenance=false</c>).</summary>
    public string? Provenance { get; init; }

    /// <summary>Gets whether a pushed image carries an SBOM attestation (<c>--sbom=true</c>).</summary>
    public bool Sbom { get; init; }

    /// <summary>
    /// Gets the SBOM generator image (BuildKit's SBOM scanning protocol; <c>--sbom=generator=&lt;image&gt;</c>), or null for
    /// BuildKit's default, docker/buildkit-syft-scanner — which a build without Docker Hub cannot pull.
    /// </summary>
    public string? SbomGenerator { get; init; }
}
