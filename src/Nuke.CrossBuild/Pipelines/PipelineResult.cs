using Nuke.CrossBuild.Images;
using Nuke.CrossBuild.Matrix;

namespace Nuke.CrossBuild.Pipelines;

/// <summary>What the image pipeline did: the plan, the doctor's findings, the build, the verification, the smoke runs.</summary>
public sealed record PipelineResult
{
    /// <summary>Gets the plan.</summary>
    public required IReadOnlyList<MatrixEntry> Plan { get; init; }

    /// <summary>Gets the Dockerfile doctor's findings.</summary>
    public IReadOnlyList<Dockerfiles.DockerfileFinding> Findings { get; init; } = [];

    /// <summary>Gets the emulators registered for the build.</summary>
    public IReadOnlyList<Binfmt.EmulatorAction> Emulators { get; init; } = [];

    /// <summary>Gets the seconds the build took.</summary>
    public double BuildSeconds { get; init; }

    /// <summary>Gets the seconds BuildKit's steps took per target platform (see <see cref="Buildx.BuildxStepTimings"/>).</summary>
    public IReadOnlyDictionary<string, double> PlatformSeconds { get; init; } = new Dictionary<string, double>();

    /// <summary>Gets whether the image was loaded into the local engine.</summary>
    public bool Loaded { get; init; }

    /// <summary>Gets the image's index digest (when pushed).</summary>
    public string? Digest { get; init; }

    /// <summary>Gets the image reference verified (registry) or the layout directory.</summary>
    public required string Image { get; init; }

    /// <summary>Gets the verification of the image.</summary>
    public ImageVerification? Verification { get; init; }

    /// <summary>Gets each platform's smoke-run output.</summary>
    public IReadOnlyDictionary<string, string> Smoke { get; init; } = new Dictionary<string, string>();

    /// <summary>Gets the tag of the pushed index's signature (<c>sha256-&lt;hex&gt;.sig</c>) when <see cref="ImagePipelineSettings.SignKey"/> signed it, or null.</summary>
    public string? Signature { get; init; }

    /// <summary>Gets every problem (doctor errors, verification problems, failed smoke runs).</summary>
    public IReadOnlyList<string> Problems { get; init; } = [];

    /// <summary>Gets whether the pipeline succeeded.</summary>
    public bool Succeeded => Problems.Count == 0;
}
