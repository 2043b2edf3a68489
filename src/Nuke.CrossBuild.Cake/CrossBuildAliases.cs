using Cake.Core;
using Cake.Core.Annotations;
using Cake.Core.Diagnostics;
using Nuke.CrossBuild.Assembling;
using Nuke.CrossBuild.Binfmt;
using Nuke.CrossBuild.Buildx;
using Nuke.CrossBuild.Dockerfiles;
using Nuke.CrossBuild.Images;
using Nuke.CrossBuild.Matrix;
using Nuke.CrossBuild.Pipelines;
using Nuke.CrossBuild.Platforms;
using Nuke.CrossBuild.Publish;
using Nuke.CrossBuild.Publish.Releases;
using Nuke.CrossBuild.Toolchains;
using Nuke.CrossBuild.Toolchains.Go;
using Nuke.CrossBuild.Tooling;
using Nuke.CrossBuild.Verification;
using Nuke.CrossBuild.Workflows;

namespace Nuke.CrossBuild.Cake;

/// <summary>Cake aliases over Nuke.CrossBuild: each is a thin call into the core library.</summary>
[CakeAliasCategory("CrossBuild")]
[CakeNamespaceImport("Nuke.CrossBuild")]
[CakeNamespaceImport("Nuke.CrossBuild.Tooling")]
[CakeNamespaceImport("Nuke.CrossBuild.Platforms")]
[CakeNamespaceImport("Nuke.CrossBuild.Matrix")]
[CakeNamespaceImport("Nuke.CrossBuild.Oci")]
[CakeNamespaceImport("Nuke.CrossBuild.Registry")]
[CakeNamespaceImport("Nuke.CrossBuild.Tar")]
[CakeNamespaceImport("Nuke.CrossBuild.Machine")]
[CakeNamespaceImport("Nuke.CrossBuild.Images")]
[CakeNamespaceImport("Nuke.CrossBuild.Assembling")]
[CakeNamespaceImport("Nuke.CrossBuild.Publish")]
[CakeNamespaceImport("Nuke.CrossBuild.Buildx")]
[CakeNamespaceImport("Nuke.CrossBuild.Dockerfiles")]
[CakeNamespaceImport("Nuke.CrossBuild.Pipelines")]
[CakeNamespaceImport("Nuke.CrossBuild.Reports")]
[CakeNamespaceImport("Nuke.CrossBuild.GitHub")]
[CakeNamespaceImport("Nuke.CrossBuild.Publish.Releases")]
[CakeNamespaceImport("Nuke.CrossBuild.Workflows")]
[CakeNamespaceImport("Nuke.CrossBuild.Toolchains")]
[CakeNamespaceImport("Nuke.CrossBuild.Toolchains.Go")]
[CakeNamespaceImport("Nuke.CrossBuild.Verification")]
public static class CrossBuildAliases
{
    /// <summary>Returns what the platform table knows about a platform (Go environment, triples, QEMU, binary identity).</summary>
    /// <param name="context">The Cake context.</param>
    /// <param name="platform">A platform or alias, e.g. <c>armhf</c>.</param>
    /// <returns>The facts.</returns>
    [CakeMethodAlias]
    public static PlatformInfo CrossBuildPlatform(this ICakeContext context, string platform)
        => Platform.Parse(platform).Info;

    /// <summary>Plans a build matrix on this machine.</summary>
    /// <param name="context">The Cake context.</param>
    /// <param name="configure">Configures the matrix settings.</param>
    /// <returns>The entries (platform, mode, emulator facts, axes).</returns>
    [CakeMethodAlias]
    public static IReadOnlyList<MatrixEntry> CrossBuildMatrix(this ICakeContext context, Configure<MatrixSettings> configure)
        => MatrixTasks.Plan(configure);

    /// <summary>Verifies a binary against the platform it was built for.</summary>
    /// <param name="context">The Cake context.</param>
    /// <param name="file">The binary.</param>
    /// <param name="platform">The platform.</param>
    /// <param name="requireStatic">Whether it must be statically linked.</param>
    /// <returns>The outcome.</returns>
    [CakeMethodAlias]
    public static BinaryVerification CrossBuildVerify(this ICakeContext context, string file, string platform, bool requireStatic = false)
        => BinaryVerifier.Verify(file, Platform.Parse(platform), requireStatic);

    /// <summary>
    /// Collects the Go matrix's binaries by its output pattern, each verified against its platform, and fails the task
    /// when any does not match: the hand-over that <see cref="CrossBuildAssembleImage"/> and <see cref="CrossBuildGitHubRelease"/>
    /// take (<c>s => s.SetMatrixBinaries(binaries)</c>).
    /// </summary>
    /// <param name="context">The Cake context.</param>
    /// <param name="pattern">The output pattern (default: <c>crossbuild go build</c>'s).</param>
    /// <param name="name">The binary's name, or null for the one file in each platform's directory.</param>
    /// <param name="platforms">Platform specs, or null for every platform the matrix built.</param>
    /// <param name="requireStatic">Whether each must be statically linked.</param>
    /// <returns>The binaries, verified.</returns>
    [CakeMethodAlias]
    public static MatrixBinaries CrossBuildMatrixBinaries(this ICakeContext context, string pattern = GoBuildSettings.DefaultOutput, string? name = null, string? platforms = null, bool requireStatic = false)
    {
        ArgumentNullException.ThrowIfNull(context);
        var binaries = MatrixBinaries.Collect(pattern, name, PlatformSelection.Of(platforms is null ? [] : [platforms]), requireStatic, context.Environment.WorkingDirectory.FullPath);
        foreach (var binary in binaries)
        {
            context.Log.Information($"{(binary.Verification.Ok ? "ok" : "FAILED")} {binary.Platform} {binary.Path}: {binary.Verification.Report}");
        }

        return binaries.EnsureOk();
    }

    /// <summary>Verifies binaries and fails the task when any does not match (every problem logged).</summary>
    /// <param name="context">The Cake context.</param>
    /// <param name="files">The binaries.</param>
    /// <param name="platform">The platform.</param>
    /// <param name="requireStatic">Whether they must be statically linked.</param>
    [CakeMethodAlias]
    public static void CrossBuildEnsureVerified(this ICakeContext context, IEnumerable<string> files, string platform, bool requireStatic = false)
    {
        ArgumentNullException.ThrowIfNull(context);
        foreach (var result in BinaryVerifier.EnsureVerified(files, Platform.Parse(platform), requireStatic))
        {
            context.Log.Information($"ok {result.Report.File}: {result.Report}");
        }
    }

    /// <summary>Runs a binary once as its platform's weakest CPU would (natively when the host can, else under QEMU with that CPU model), as <c>crossbuild run</c> does.</summary>
    /// <param name="context">The Cake context.</param>
    /// <param name="binary">The binary.</param>
    /// <param name="platform">The platform it was built for.</param>
    /// <param name="arguments">Its arguments.</param>
    /// <returns>The outcome; the task fails unless the binary exited 0 (a SIGILL is described in words).</returns>
    [CakeMethodAlias]
    public static BinaryRun CrossBuildRun(this ICakeContext context, string binary, string platform, params string[] arguments)
    {
        ArgumentNullException.ThrowIfNull(context);
        var target = Platform.Parse(platform);
        var run = CakeSignals.Run(ct => BinaryRunner.RunAsync(binary, target, arguments, cancellationToken: ct));
        context.Log.Information($"{binary} ({run.How}): {run.Output}");
        return run.ExitCode == 0 ? run : throw new EmulatorException(run.Describe(binary, target));
    }

    /// <summary>Verifies a multi-platform image (registry reference, OCI layout directory or OCI tarball).</summary>
    /// <param name="context">The Cake context.</param>
    /// <param name="image">The image.</param>
    /// <param name="platforms">The platform specs the index must hold, or null to accept what it holds.</param>
    /// <param name="requireStatic">Whether each binary must be statically linked.</param>
    /// <returns>The outcome.</returns>
    [CakeMethodAlias]
    public static ImageVerification CrossBuildVerifyImage(this ICakeContext context, string image, string? platforms = null, bool requireStatic = false)
    {
        using var source = CakeSignals.Run(ct => ImageSources.OpenAsync(image, cancellationToken: ct));
        return CakeSignals.Run(ct => ImageVerifier.VerifyAsync(source, platforms is null ? null : PlatformSelection.Of([platforms]).Expand(), requireStatic: requireStatic, cancellationToken: ct));
    }

    /// <summary>Builds a Go program for a platform matrix on this host (cross-compiled, verified); fails the task when a platform fails.</summary>
    /// <param name="context">The Cake context.</param>
    /// <param name="configure">Configures the Go build.</param>
    /// <returns>The report.</returns>
    [CakeMethodAlias]
    public static GoBuildReport CrossBuildGoBuild(this ICakeContext context, Configure<GoBuildSettings> configure)
    {
        ArgumentNullException.ThrowIfNull(context);
        var report = CakeSignals.Run(ct => GoTasks.BuildAsync(configure, line => context.Log.Verbose(line), ct));
        context.Log.Information(report.ToTable());
        return report.EnsureSucceeded();
    }

    /// <summary>Returns the C toolchain a cgo build for a platform uses on this host.</summary>
    /// <param name="context">The Cake context.</param>
    /// <param name="platform">The platform.</param>
    /// <param name="libc">The C library.</param>
    /// <returns>The toolchain (see <see cref="CToolchain.Problem"/> when none was found).</returns>
    [CakeMethodAlias]
    public static CToolchain CrossBuildToolchain(this ICakeContext context, string platform, Libc libc = Libc.Gnu)
        => ToolchainResolver.Resolve(Platform.Parse(platform), libc);

    /// <summary>Runs <c>docker buildx build</c> with typed settings.</summary>
    /// <param name="context">The Cake context.</param>
    /// <param name="configure">Configures the build.</param>
    /// <returns>The build metadata (digest, descriptor).</returns>
    [CakeMethodAlias]
    public static BuildxMetadata CrossBuildBuildx(this ICakeContext context, Configure<BuildxBuildSettings> configure)
    {
        ArgumentNullException.ThrowIfNull(context);
        return CakeSignals.Run(ct => BuildxTasks.BuildAsync(configure, line => context.Log.Verbose(line), ct));
    }

    /// <summary>Merges images or digests into one tagged index (<c>docker buildx imagetools create</c>).</summary>
    /// <param name="context">The Cake context.</param>
    /// <param name="settings">The settings.</param>
    /// <returns>What imagetools printed.</returns>
    [CakeMethodAlias]
    public static string CrossBuildImagetoolsCreate(this ICakeContext context, ImagetoolsCreateSettings settings)
        => CakeSignals.Run(ct => BuildxTasks.ImagetoolsCreateAsync(settings, ct));

    /// <summary>Ensures a buildx builder that can build the platforms.</summary>
    /// <param name="context">The Cake context.</param>
    /// <param name="driver">The driver (docker, docker-container, ...).</param>
    /// <param name="platforms">The platforms.</param>
    /// <returns>The builder.</returns>
    [CakeMethodAlias]
    public static BuilderInfo CrossBuildEnsureBuilder(this ICakeContext context, string driver, params string[] platforms)
    {
        ArgumentNullException.ThrowIfNull(context);
        return CakeSignals.Run(ct => BuilderTasks.EnsureBuilderAsync(driver, platforms, log: line => context.Log.Information(line), cancellationToken: ct));
    }

    /// <summary>Registers QEMU emulators for the platforms that need them on this host.</summary>
    /// <param name="context">The Cake context.</param>
    /// <param name="platforms">Platform specs.</param>
    /// <returns>What was done per platform.</returns>
    [CakeMethodAlias]
    public static IReadOnlyList<EmulatorAction> CrossBuildEnsureEmulators(this ICakeContext context, params string[] platforms)
        => CakeSignals.Run(ct => EmulatorTasks.InstallAsync(PlatformSelection.Of(platforms).Expand(), cancellationToken: ct));

    /// <summary>Generates a Dockerfile for a Go program.</summary>
    /// <param name="context">The Cake context.</param>
    /// <param name="options">What it holds.</param>
    /// <returns>The Dockerfile text.</returns>
    [CakeMethodAlias]
    public static string CrossBuildDockerfile(this ICakeContext context, GoDockerfileOptions options)
        => DockerfileGenerator.Go(options);

    /// <summary>Examines a Dockerfile and logs each finding.</summary>
    /// <param name="context">The Cake context.</param>
    /// <param name="path">The Dockerfile.</param>
    /// <returns>The findings.</returns>
    [CakeMethodAlias]
    public static IReadOnlyList<DockerfileFinding> CrossBuildDockerfileDoctor(this ICakeContext context, string path)
    {
        ArgumentNullException.ThrowIfNull(context);
        var findings = DockerfileDoctor.Examine(File.ReadAllText(path));
        foreach (var finding in findings)
        {
            context.Log.Warning($"{path}:{finding}");
        }

        return findings;
    }

    /// <summary>Runs the image pipeline (plan, builder, emulators, build, verify, publish, smoke runs).</summary>
    /// <param name="context">The Cake context.</param>
    /// <param name="settings">The settings.</param>
    /// <param name="failOnProblems">Whether problems (doctor errors, verification, smoke runs) throw; when false they are in the result.</param>
    /// <returns>The result.</returns>
    [CakeMethodAlias]
    public static PipelineResult CrossBuildImage(this ICakeContext context, ImagePipelineSettings settings, bool failOnProblems = true)
    {
        ArgumentNullException.ThrowIfNull(context);
        var result = CakeSignals.Run(ct => ImagePipelineTasks.RunAsync(settings, line => context.Log.Verbose(line), ct));
        return result.Succeeded || !failOnProblems ? result : throw new VerificationException(result.Problems);
    }

    /// <summary>
    /// Bakes several images in one <c>docker buildx bake</c>, then verifies, publishes and smoke-runs each as
    /// <see cref="CrossBuildImage"/> does.
    /// </summary>
    /// <param name="context">The Cake context.</param>
    /// <param name="settings">The settings.</param>
    /// <param name="failOnProblems">Whether any image's problems throw; when false they are in the result.</param>
    /// <returns>Each image's result.</returns>
    [CakeMethodAlias]
    public static ImageBakeResult CrossBuildBake(this ICakeContext context, ImageBakeSettings settings, bool failOnProblems = true)
    {
        ArgumentNullException.ThrowIfNull(context);
        var result = CakeSignals.Run(ct => ImageBakeTasks.RunAsync(settings, line => context.Log.Verbose(line), ct));
        return result.Succeeded || !failOnProblems ? result : throw new VerificationException([.. result.Images.SelectMany(i => i.Value.Problems)]);
    }

    /// <summary>
    /// Writes the publish summary: <c>publish-summary.md</c> (Markdown table) and <c>publish-timings.svg</c> (seconds per
    /// platform, coloured by mode) in a directory, and returns the plain-text table.
    /// </summary>
    /// <param name="context">The Cake context.</param>
    /// <param name="title">The summary's title.</param>
    /// <param name="rows">The rows (from <see cref="PublishReport"/>'s Rows).</param>
    /// <param name="directory">The directory to write to.</param>
    /// <returns>The plain-text table.</returns>
    [CakeMethodAlias]
    public static string CrossBuildPublishReport(this ICakeContext context, string title, IReadOnlyList<PublishRow> rows, string directory)
    {
        ArgumentNullException.ThrowIfNull(context);
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "publish-timings.svg"), TimingChart.ToSvg(title, rows));
        File.WriteAllText(Path.Combine(directory, "publish-summary.md"), PublishReport.ToMarkdown(title, rows, "publish-timings.svg"));
        return PublishReport.ToText(rows);
    }

    /// <summary>Merges per-platform digests into one tagged index and verifies it; fails the task on problems.</summary>
    /// <param name="context">The Cake context.</param>
    /// <param name="settings">The settings.</param>
    /// <returns>The index digest and its verification.</returns>
    [CakeMethodAlias]
    public static ImageMergeResult CrossBuildImageMerge(this ICakeContext context, ImageMergeSettings settings)
    {
        var result = CakeSignals.Run(ct => ImageMergeTasks.RunAsync(settings, ct));
        return result.Verification.Ok ? result : throw new VerificationException(result.Verification.Problems);
    }

    /// <summary>Assembles the Go matrix's binaries on scratch as a reproducible multi-platform OCI image without an engine (layout, tarball and/or push), verified first.</summary>
    /// <param name="context">The Cake context.</param>
    /// <param name="configure">Configures the assembly (platforms, binaries pattern, outputs).</param>
    /// <returns>The index digest and each platform's manifest.</returns>
    [CakeMethodAlias]
    public static ImageAssembly CrossBuildAssembleImage(this ICakeContext context, Configure<ImageAssemblySettings> configure)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(configure);
        var assembly = CakeSignals.Run(ct => ImageAssemblyTasks.AssembleAsync(configure, ct));
        context.Log.Information($"assembled {string.Join(", ", assembly.Platforms.Select(p => p.Platform))}: {assembly.IndexDigest}");
        return assembly;
    }

    /// <summary>Publishes the Go matrix's verified binaries as a GitHub release (archives, SHA256SUMS, verification report; a draft until every asset is up); the token comes from <c>GITHUB_TOKEN</c>.</summary>
    /// <param name="context">The Cake context.</param>
    /// <param name="configure">Configures the release (repository and tag, platforms, binaries pattern).</param>
    /// <returns>The release and what was uploaded or kept.</returns>
    [CakeMethodAlias]
    public static ReleaseResult CrossBuildGitHubRelease(this ICakeContext context, Configure<ReleaseSettings> configure)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(configure);
        var token = context.Environment.GetEnvironmentVariable("GITHUB_TOKEN") is { Length: > 0 } t ? t : throw new InputException("no token: expected one in $GITHUB_TOKEN (a token with contents:write)");
        var release = CakeSignals.Run(ct => GitHubReleaseTasks.PublishAsync(configure, token, line => context.Log.Information(line), ct));
        context.Log.Information($"release: {release.Url} ({release.Uploaded.Count} uploaded, {release.Kept.Count} kept)");
        return release;
    }

    /// <summary>Generates a GitHub Actions workflow that builds, verifies and pushes the image (see <see cref="WorkflowGenerator"/>).</summary>
    /// <param name="context">The Cake context.</param>
    /// <param name="settings">The settings.</param>
    /// <returns>The workflow's YAML.</returns>
    [CakeMethodAlias]
    public static string CrossBuildGitHubWorkflow(this ICakeContext context, WorkflowSettings settings) => WorkflowGenerator.Generate(settings);
}
