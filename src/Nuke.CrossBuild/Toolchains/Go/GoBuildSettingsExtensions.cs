using System.Diagnostics.Contracts;

namespace Nuke.CrossBuild.Toolchains.Go;

/// <summary>Fluent, copy-returning setters for <see cref="GoBuildSettings"/>, in NUKE's vocabulary.</summary>
public static class GoBuildSettingsExtensions
{
    /// <summary>Sets the platform specs.</summary>
    /// <param name="s">The settings.</param>
    /// <param name="specs">Platforms, presets, wildcards or exclusions.</param>
    /// <returns>A modified copy.</returns>
    [Pure] public static GoBuildSettings SetPlatforms(this GoBuildSettings s, params string[] specs) => N(s) with { Platforms = [.. specs] };

    /// <summary>Sets the package to build.</summary>
    /// <param name="s">The settings.</param>
    /// <param name="package">For example <c>./cmd/server</c>.</param>
    /// <returns>A modified copy.</returns>
    [Pure] public static GoBuildSettings SetPackage(this GoBuildSettings s, string package) => N(s) with { Package = package };

    /// <summary>Sets the directory <c>go build</c> runs in.</summary>
    /// <param name="s">The settings.</param>
    /// <param name="directory">The module directory.</param>
    /// <returns>A modified copy.</returns>
    [Pure] public static GoBuildSettings SetWorkingDirectory(this GoBuildSettings s, string directory) => N(s) with { WorkingDirectory = directory };

    /// <summary>Sets the output pattern.</summary>
    /// <param name="s">The settings.</param>
    /// <param name="pattern">For example <c>out/{platform}/{name}</c>.</param>
    /// <returns>A modified copy.</returns>
    [Pure] public static GoBuildSettings SetOutput(this GoBuildSettings s, string pattern) => N(s) with { Output = pattern };

    /// <summary>Sets the binary name.</summary>
    /// <param name="s">The settings.</param>
    /// <param name="name">The name.</param>
    /// <returns>A modified copy.</returns>
    [Pure] public static GoBuildSettings SetName(this GoBuildSettings s, string name) => N(s) with { Name = name };

    /// <summary>Adds build tags.</summary>
    /// <param name="s">The settings.</param>
    /// <param name="tags">The tags.</param>
    /// <returns>A modified copy.</returns>
    [Pure] public static GoBuildSettings AddTags(this GoBuildSettings s, params string[] tags) => N(s) with { Tags = [.. s.Tags, .. tags] };

    /// <summary>Adds linker flags.</summary>
    /// <param name="s">The settings.</param>
    /// <param name="flags">For example <c>-X main.version=1.0</c>.</param>
    /// <returns>A modified copy.</returns>
    [Pure] public static GoBuildSettings AddLdflags(this GoBuildSettings s, params string[] flags) => N(s) with { Ldflags = [.. s.Ldflags, .. flags] };

    /// <summary>Sets the compiler flags.</summary>
    /// <param name="s">The settings.</param>
    /// <param name="flags">The flags.</param>
    /// <returns>A modified copy.</returns>
    [Pure] public static GoBuildSettings SetGcflags(this GoBuildSettings s, string flags) => N(s) with { Gcflags = flags };

    /// <summary>Sets the build mode.</summary>
    /// <param name="s">The settings.</param>
    /// <param name="mode">For example <c>pie</c>.</param>
    /// <returns>A modified copy.</returns>
    [Pure] public static GoBuildSettings SetBuildMode(this GoBuildSettings s, string mode) => N(s) with { BuildMode = mode };

    /// <summary>Turns cgo on (CGO_ENABLED=1) with the target's C toolchain.</summary>
    /// <param name="s">The settings.</param>
    /// <returns>A modified copy.</returns>
    [Pure] public static GoBuildSettings EnableCgo(this GoBuildSettings s) => N(s) with { Cgo = true };

    /// <summary>Turns cgo off (CGO_ENABLED=0, the default).</summary>
    /// <param name="s">The settings.</param>
    /// <returns>A modified copy.</returns>
    [Pure] public static GoBuildSettings DisableCgo(this GoBuildSettings s) => N(s) with { Cgo = false };

    /// <summary>Requires static binaries and applies the recipe (with cgo: <c>osusergo,netgo</c> and <c>-extldflags -static</c>).</summary>
    /// <param name="s">The settings.</param>
    /// <returns>A modified copy.</returns>
    [Pure] public static GoBuildSettings EnableStatic(this GoBuildSettings s) => N(s) with { Static = true };

    /// <summary>Drops the static requirement.</summary>
    /// <param name="s">The settings.</param>
    /// <returns>A modified copy.</returns>
    [Pure] public static GoBuildSettings DisableStatic(this GoBuildSettings s) => N(s) with { Static = false };

    /// <summary>Strips symbol and debug tables (<c>-ldflags "-s -w"</c>).</summary>
    /// <param name="s">The settings.</param>
    /// <returns>A modified copy.</returns>
    [Pure] public static GoBuildSettings EnableStripSymbols(this GoBuildSettings s) => N(s) with { StripSymbols = true };

    /// <summary>Keeps file system paths in the binary (no <c>-trimpath</c>).</summary>
    /// <param name="s">The settings.</param>
    /// <returns>A modified copy.</returns>
    [Pure] public static GoBuildSettings DisableTrimpath(this GoBuildSettings s) => N(s) with { Trimpath = false };

    /// <summary>Turns the race detector on (native platforms only).</summary>
    /// <param name="s">The settings.</param>
    /// <returns>A modified copy.</returns>
    [Pure] public static GoBuildSettings EnableRace(this GoBuildSettings s) => N(s) with { Race = true };

    /// <summary>Sets the C library for cgo builds.</summary>
    /// <param name="s">The settings.</param>
    /// <param name="libc">The C library.</param>
    /// <returns>A modified copy.</returns>
    [Pure] public static GoBuildSettings SetLibc(this GoBuildSettings s, Libc libc) => N(s) with { Libc = libc };

    /// <summary>Adds an environment variable for <c>go build</c>.</summary>
    /// <param name="s">The settings.</param>
    /// <param name="name">The name.</param>
    /// <param name="value">The value.</param>
    /// <returns>A modified copy.</returns>
    [Pure]
    public static GoBuildSettings AddEnvironmentVariable(this GoBuildSettings s, string name, string value)
        => N(s) with { Environment = new Dictionary<string, string>(s.Environment) { [name] = value } };

    /// <summary>Sets how many platforms build at once.</summary>
    /// <param name="s">The settings.</param>
    /// <param name="jobs">At least 1.</param>
    /// <returns>A modified copy.</returns>
    [Pure] public static GoBuildSettings SetJobs(this GoBuildSettings s, int jobs) => N(s) with { Jobs = jobs >= 1 ? jobs : throw new ArgumentOutOfRangeException(nameof(jobs), jobs, "expected at least 1 job") };

    /// <summary>Builds every platform even when one fails.</summary>
    /// <param name="s">The settings.</param>
    /// <returns>A modified copy.</returns>
    [Pure] public static GoBuildSettings DisableFailFast(this GoBuildSettings s) => N(s) with { FailFast = false };

    /// <summary>Skips verifying the outputs.</summary>
    /// <param name="s">The settings.</param>
    /// <returns>A modified copy.</returns>
    [Pure] public static GoBuildSettings DisableVerify(this GoBuildSettings s) => N(s) with { Verify = false };

    /// <summary>Runs each binary once after the build with these arguments (natively or under QEMU).</summary>
    /// <param name="s">The settings.</param>
    /// <param name="arguments">The arguments (none for a plain run).</param>
    /// <returns>A modified copy.</returns>
    [Pure] public static GoBuildSettings SetSmokeArguments(this GoBuildSettings s, params string[] arguments) => N(s) with { SmokeArguments = [.. arguments] };

    /// <summary>Keeps passing verdicts in a directory: a binary verified and smoke-run under the same policy before (same SHA-256) is not judged again.</summary>
    /// <param name="s">The settings.</param>
    /// <param name="directory">The record's directory (for example <c>artifacts/verdicts</c>), or null to judge every binary.</param>
    /// <returns>A modified copy.</returns>
    [Pure] public static GoBuildSettings SetVerdictRecord(this GoBuildSettings s, string? directory) => N(s) with { VerdictRecord = directory };

    /// <summary>Installs missing Debian cross toolchains before building.</summary>
    /// <param name="s">The settings.</param>
    /// <returns>A modified copy.</returns>
    [Pure] public static GoBuildSettings EnableInstallToolchains(this GoBuildSettings s) => N(s) with { InstallToolchains = true };

    /// <summary>Sets the go command.</summary>
    /// <param name="s">The settings.</param>
    /// <param name="path">The path to go.</param>
    /// <returns>A modified copy.</returns>
    [Pure] public static GoBuildSettings SetGoPath(this GoBuildSettings s, string path) => N(s) with { GoPath = path };

    private static GoBuildSettings N(GoBuildSettings s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return s;
    }
}
