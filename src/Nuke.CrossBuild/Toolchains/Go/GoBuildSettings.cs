using Nuke.CrossBuild.Platforms;
namespace Nuke.CrossBuild.Toolchains.Go;

/// <summary>Immutable settings of a Go build over a platform matrix; change them with <see cref="GoBuildSettingsExtensions"/>.</summary>
public sealed record GoBuildSettings
{
    /// <summary>The default output pattern.</summary>
    public const string DefaultOutput = "artifacts/bin/{os}_{arch}[_{variant}]/{name}[.exe]";

    /// <summary>Gets the platform specs (platforms, presets, wildcards, exclusions).</summary>
    public PlatformSelection Platforms { get; init; } = PlatformSelection.Default;

    /// <summary>Gets the package to build (default <c>.</c>).</summary>
    public string Package { get; init; } = ".";

    /// <summary>Gets the directory <c>go build</c> runs in (the module), or null for the current one.</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>Gets the output pattern: <c>{os}</c>, <c>{arch}</c>, <c>{variant}</c>, <c>{platform}</c> (slug), <c>{name}</c>; <c>[...]</c> is kept only when what it holds is not empty (<c>[.exe]</c> only for windows).</summary>
    public string Output { get; init; } = DefaultOutput;

    /// <summary>Gets the binary name, or null for the package directory's name.</summary>
    public string? Name { get; init; }

    /// <summary>Gets the build tags (<c>-tags</c>).</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>Gets the linker flags (<c>-ldflags</c>), joined with spaces.</summary>
    public IReadOnlyList<string> Ldflags { get; init; } = [];

    /// <summary>Gets the compiler flags (<c>-gcflags</c>).</summary>
    public string? Gcflags { get; init; }

    /// <summary>Gets whether file system paths are removed from the binary (<c>-trimpath</c>, default on).</summary>
    public bool Trimpath { get; init; } = true;

    /// <summary>Gets the build mode (<c>-buildmode</c>), or null for Go's default.</summary>
    public string? BuildMode { get; init; }

    /// <summary>Gets whether the race detector is on (<c>-race</c>; native builds only).</summary>
    public bool Race { get; init; }

    /// <summary>Gets whether cgo is on. CGO_ENABLED is always set explicitly: Go silently turns cgo off when cross-compiling.</summary>
    public bool Cgo { get; init; }

    /// <summary>Gets whether the binaries must be static (and are verified as such).</summary>
    public bool Static { get; init; }

    /// <summary>Gets whether symbol and debug tables are stripped (<c>-ldflags "-s -w"</c>).</summary>
    public bool StripSymbols { get; init; }

    /// <summary>Gets the C library for cgo builds.</summary>
    public Libc Libc { get; init; } = Libc.Gnu;

    /// <summary>Gets extra environment variables for <c>go build</c>.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>Gets how many platforms build at once, or null for a default from cores and memory.</summary>
    public int? Jobs { get; init; }

    /// <summary>Gets whether the first failure stops the other builds (default) or all platforms build.</summary>
    public bool FailFast { get; init; } = true;

    /// <summary>Gets whether each output is verified against its platform (default on).</summary>
    public bool Verify { get; init; } = true;

    /// <summary>Gets the arguments a smoke run passes to each binary (natively or under QEMU), or null for no smoke run.</summary>
    public IReadOnlyList<string>? SmokeArguments { get; init; }

    /// <summary>
    /// Gets the directory of a <see cref="Verification.VerdictRecord"/>: a binary whose SHA-256 was verified and smoke-run
    /// under the same policy (platform, static requirement, verification on, smoke arguments) before is not verified or
    /// run again; null (the default) judges every binary every time.
    /// </summary>
    public string? VerdictRecord { get; init; }

    /// <summary>Gets whether missing Debian cross toolchains are installed before building.</summary>
    public bool InstallToolchains { get; init; }

    /// <summary>Gets the go command, or null for <c>$CROSSBUILD_GO</c>, else <c>go</c> on PATH, else Debian's <c>/usr/lib/go-1.23/bin/go</c>.</summary>
    public string? GoPath { get; init; }
}
