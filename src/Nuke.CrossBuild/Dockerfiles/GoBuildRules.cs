namespace Nuke.CrossBuild.Dockerfiles;

/// <summary>
/// The findings about one go build, from the values it sees, where its stage runs and whether its output reaches the
/// image: a wrong binary that certainly ships is an error, one that may ship (an output path the doctor cannot follow)
/// a warning, one that never ships (a host tool, a compile check to /dev/null) nothing.
/// </summary>
internal static class GoBuildRules
{
    private const string TargetFix = "ARG TARGETOS TARGETARCH TARGETVARIANT in this stage, and GOOS=$TARGETOS GOARCH=$TARGETARCH (GOARM from TARGETVARIANT) in go build's environment (or xx-go)";

    /// <summary>Returns the severity for a wrong binary written to <paramref name="output"/>: error when it certainly reaches the image, warning when it may, null when it does not.</summary>
    public static string? Shipped(GoBuildAnalyzer analyzer, StageState stage, string? output) => FileFlow.Reach(analyzer.Graph, stage.Index, output) switch
    {
        FileReach.Yes => "error",
        FileReach.Maybe => "warning",
        _ => null,
    };

    public static void Check(GoBuildAnalyzer analyzer, StageState stage, int line, IReadOnlyDictionary<string, BuildValue> values, string? output)
    {
        var (arch, os) = (values["GOARCH"], values["GOOS"]);
        var shipped = analyzer.Graph.IsPerArch(stage.Index) ? null : Shipped(analyzer, stage, output);
        var where = stage.Kind switch
        {
            StageKind.BuildPlatform => "a $BUILDPLATFORM stage",
            StageKind.Fixed => $"a stage fixed to {stage.PlatformText}",
            _ => "an emulated stage",
        };
        var others = analyzer.Platforms is not { Count: > 0 } targets ? null : (Func<string, bool>)(a => targets.Any(p => p.Info.Go.Goarch != a));
        if (shipped is not null)
        {
            Architecture(analyzer, stage, line, arch, shipped, where, others);
        }

        if (stage.Kind == StageKind.Target)
        {
            foreach (var (name, value) in new[] { ("GOARCH", arch), ("GOARM", values["GOARM"]), ("GOOS", os) }.Where(v => v.Item2.Source == ValueSource.OutOfScope))
            {
                OutOfScope(analyzer, line, name, value, "warning", "it expands to nothing");
            }

            return;
        }

        Arm(analyzer, stage, line, arch, values["GOARM"], shipped);
        if (os.Source == ValueSource.OutOfScope)
        {
            OutOfScope(analyzer, line, "GOOS", os, "warning", "it expands to nothing and Go builds for the build machine's OS");
        }

        Cgo(analyzer, stage, line, values, where);
    }

    private static void Architecture(GoBuildAnalyzer analyzer, StageState stage, int line, BuildValue arch, string severity, string where, Func<string, bool>? others)
    {
        switch (arch.Source)
        {
            case ValueSource.Unset when stage.Kind == StageKind.BuildPlatform:
                analyzer.Report(line, "host-arch-binary", severity, $"go build in {where} gets no GOARCH: it builds for the machine it runs on, and {Ships(severity)} every image that platform's binary", TargetFix);
                break;
            case ValueSource.Unset when stage.FixedArch is { } fixedArch && (others is null || others(fixedArch)):
                analyzer.Report(line, "host-arch-binary", severity, $"go build in {where} gets no GOARCH: it builds for {stage.PlatformText}, and {Ships(severity)} every image that binary", $"FROM --platform=$BUILDPLATFORM with {TargetFix}; or pick per-arch stages by name (FROM build-$TARGETARCH)");
                break;
            case ValueSource.Literal when others is null || others(arch.Text):
                analyzer.Report(line, "goarch-fixed", severity, $"go build in {where} always builds GOARCH={arch.Text}: {Ships(severity)} every other platform's image a {arch.Text} binary", stage.Kind == StageKind.Target ? "remove GOARCH (an emulated stage builds for its own platform), or better FROM --platform=$BUILDPLATFORM and GOARCH=$TARGETARCH (ARG TARGETARCH)" : "GOARCH=$TARGETARCH (with ARG TARGETARCH in this stage)");
                break;
            case ValueSource.Build:
                analyzer.Report(line, "goarch-build-platform", severity, $"GOARCH comes from the build platform ({arch.Text}): {Ships(severity)} every image the build machine's binary", "use TARGETARCH, not BUILDARCH");
                break;
            case ValueSource.OutOfScope when stage.Kind != StageKind.Target:
                OutOfScope(analyzer, line, "GOARCH", arch, severity, "it expands to nothing and Go builds for the build platform");
                break;
            case ValueSource.Unknown when stage.Kind != StageKind.Target:
                analyzer.Report(line, "goarch-unknown", "warning", $"the doctor cannot tell which GOARCH go build gets: it is set by {arch.Detail}", "set GOARCH=$TARGETARCH where the Dockerfile shows it, and verify the binaries (crossbuild verify)");
                break;
        }
    }

    private static string Ships(string severity) => severity == "error" ? "gives" : "may give";

    // GOARM matters only when an ARM level below 7 is built: a cross-compiling Go 1.21 or newer defaults to GOARM=7
    // (older ones chose a lower level), so an unset GOARM is proven wrong only where the stage's Go version is known.
    private static void Arm(GoBuildAnalyzer analyzer, StageState stage, int line, BuildValue arch, BuildValue arm, string? shipped)
    {
        if (arch.Source != ValueSource.Target || analyzer.Platforms is not { Count: > 0 } known || !known.Any(p => p.Architecture == "arm"))
        {
            return;
        }

        switch (arm.Source)
        {
            case ValueSource.Unset when known.Where(p => p.Architecture == "arm" && p.Variant is "v6" or "v5").ToList() is { Count: > 0 } lowArm:
                var (severity, why) = MissingGoarm(stage, shipped, string.Join(", ", lowArm));
                analyzer.Report(line, "missing-goarm", severity, $"GOARM is not set: {why}", "set GOARM from TARGETVARIANT: case $TARGETVARIANT in v6) GOARM=6 ;; v5) GOARM=5 ;; *) GOARM=7 ;; esac");
                break;
            case ValueSource.Literal when known.Where(p => p.Architecture == "arm" && p.Info.Go.Goarm != arm.Text).ToList() is { Count: > 0 } differing:
                // ARMv6 code runs on ARMv7 (slower floating point); ARMv7 code on an ARMv6 core is SIGILL.
                var older = differing.Any(p => string.CompareOrdinal(p.Info.Go.Goarm, arm.Text) < 0);
                analyzer.Report(line, "goarm-fixed", older ? "error" : "warning", $"GOARM is fixed to {arm.Text}, but the build includes {string.Join(", ", differing)}: those images get ARMv{arm.Text} code{(older ? " (illegal instruction on the older cores)" : " (it runs, without the newer cores' features)")}", "set GOARM from TARGETVARIANT");
                break;
            case ValueSource.OutOfScope when known.Any(p => p.Architecture == "arm" && p.Variant is "v6" or "v5"):
                OutOfScope(analyzer, line, "GOARM", arm, "error", "it expands to nothing, and a cross-compiling Go then uses GOARM=7");
                break;
        }
    }

    private static (string Severity, string Why) MissingGoarm(StageState stage, string? shipped, string older)
    {
        var effect = $"{older} images get ARMv7 code (SIGILL on a Raspberry Pi Zero/1)";
        var version = stage.Env.TryGetValue("GOTOOLCHAIN", out var toolchain) && !toolchain.Text.StartsWith("local", StringComparison.Ordinal) && !toolchain.Text.StartsWith("auto", StringComparison.Ordinal) ? null : stage.GoVersion;
        if (version is not { Minor: >= 21 } go)
        {
            return ("warning", version is { } old
                ? $"this stage's Go is 1.{old.Minor} (from {old.From}), whose cross-compiling default is a lower ARM level; from Go 1.21 on the default is GOARM=7, and then {effect} (a warning: fine with this Go version)"
                : $"a cross-compiling Go 1.21 or newer defaults to GOARM=7, so {effect} (a warning: the doctor cannot tell this stage's Go version, and Go before 1.21 chose a lower level)");
        }

        var because = stage.DeclaredArgs.Contains("GOARM") ? " (a warning: ARG GOARM may be passed as --build-arg)" : shipped != "error" ? " (a warning: the binary may not reach the image)" : string.Empty;
        return (because.Length == 0 ? "error" : "warning", $"this stage's Go is 1.{go.Minor} (from {go.From}), and a cross-compiling Go 1.21 or newer defaults to GOARM=7, so {effect}{because}");
    }

    private static void Cgo(GoBuildAnalyzer analyzer, StageState stage, int line, IReadOnlyDictionary<string, BuildValue> values, string where)
    {
        var (cgo, cc) = (values["CGO_ENABLED"], values["CC"]);
        if (cgo.Source == ValueSource.Unset && stage.Kind == StageKind.BuildPlatform)
        {
            analyzer.Report(line, "implicit-cgo", "warning", "CGO_ENABLED is not set: Go turns cgo on for native builds and off for cross builds, so platforms differ silently", "set CGO_ENABLED=0 (static) or CGO_ENABLED=1 with a target C toolchain");
        }
        else if (cgo is { Source: ValueSource.Literal, Text: "1" } && cc.Source == ValueSource.Unset && stage.Kind == StageKind.BuildPlatform && values["GOARCH"].Source is ValueSource.Target)
        {
            analyzer.Report(line, "cgo-host-compiler", "error", $"CGO_ENABLED=1 in {where} without CC: cgo compiles the C parts with the build machine's gcc, which fails or targets the wrong machine for every other platform", "CC=<target triple>-gcc: eval \"$(crossbuild toolchain env $TARGETPLATFORM --cgo)\", or xx-go with xx-apk/xx-apt-get installing the target's libraries");
        }
    }

    // One finding per missing ARG and line: GOOS, GOARCH and GOARM from the same undeclared TARGETPLATFORM are one mistake.
    private static void OutOfScope(GoBuildAnalyzer analyzer, int line, string name, BuildValue value, string severity, string effect)
        => analyzer.ReportOnce((line, value.Detail), line, "arg-out-of-scope", severity, $"{name}={value.Text}, but {value.Detail} is not declared in this stage (a global ARG is not visible in a stage that does not re-declare it): {effect}", $"add ARG {value.Detail} to this stage");
}
