namespace Nuke.CrossBuild.Dockerfiles;

/// <summary>The findings about one go build, from the values it sees and where its stage runs.</summary>
internal static class GoBuildRules
{
    private const string TargetFix = "ARG TARGETOS TARGETARCH TARGETVARIANT in this stage, and GOOS=$TARGETOS GOARCH=$TARGETARCH (GOARM from TARGETVARIANT) in go build's environment";

    public static void Check(GoBuildAnalyzer analyzer, StageState stage, int line, IReadOnlyDictionary<string, BuildValue> values)
    {
        var (arch, arm, cgo, cc, os) = (values["GOARCH"], values["GOARM"], values["CGO_ENABLED"], values["CC"], values["GOOS"]);
        var where = stage.Kind switch
        {
            StageKind.BuildPlatform => "a $BUILDPLATFORM stage",
            StageKind.Fixed => $"a stage fixed to {stage.PlatformText}",
            _ => "an emulated stage",
        };
        if (stage.Kind == StageKind.Target)
        {
            foreach (var (name, value) in new[] { ("GOARCH", arch), ("GOARM", arm), ("GOOS", os) }.Where(v => v.Item2.Source == ValueSource.OutOfScope))
            {
                OutOfScope(analyzer, line, name, value, "warning", "it expands to nothing");
            }

            return;
        }

        switch (arch.Source)
        {
            case ValueSource.Unset:
                analyzer.Report(line, "host-arch-binary", "error", $"go build in {where} gets no GOARCH: it builds for the machine it runs on, so every image gets that platform's binary", TargetFix);
                break;
            case ValueSource.Literal when analyzer.Platforms is not { Count: > 0 } targets || targets.Any(p => p.Info.Go.Goarch != arch.Text):
                analyzer.Report(line, "goarch-fixed", "error", $"go build in {where} always builds GOARCH={arch.Text}: every other platform's image gets a {arch.Text} binary", "GOARCH=$TARGETARCH (with ARG TARGETARCH in this stage)");
                break;
            case ValueSource.Build:
                analyzer.Report(line, "goarch-build-platform", "error", $"GOARCH comes from the build platform ({arch.Text}): every image gets the build machine's binary", "use TARGETARCH, not BUILDARCH");
                break;
            case ValueSource.OutOfScope:
                OutOfScope(analyzer, line, "GOARCH", arch, "error", "it expands to nothing and Go builds for the build platform");
                break;
            case ValueSource.Unknown:
                analyzer.Report(line, "goarch-unknown", "warning", $"the doctor cannot tell which GOARCH go build gets: it is set by {arch.Detail}", "set GOARCH=$TARGETARCH where the Dockerfile shows it, and verify the binaries (crossbuild verify)");
                break;
        }

        var buildsArmV6 = analyzer.Platforms is not { Count: > 0 } targets2 || targets2.Any(p => p.Architecture == "arm" && p.Variant is "v6" or "v5");
        if (arch.Source == ValueSource.Target && buildsArmV6)
        {
            switch (arm.Source)
            {
                case ValueSource.Unset:
                    analyzer.Report(line, "missing-goarm", "warning", "GOARM is not set: a cross-compiling Go defaults to GOARM=7, so linux/arm/v6 images get ARMv7 code (SIGILL on a Raspberry Pi Zero/1)", "set GOARM from TARGETVARIANT: case $TARGETVARIANT in v6) GOARM=6 ;; v5) GOARM=5 ;; *) GOARM=7 ;; esac");
                    break;
                case ValueSource.Literal when analyzer.Platforms is { } known && known.Any(p => p.Architecture == "arm" && p.Info.Go.Goarm != arm.Text):
                    analyzer.Report(line, "goarm-fixed", "error", $"GOARM is fixed to {arm.Text}, but the build includes {string.Join(", ", known.Where(p => p.Architecture == "arm" && p.Info.Go.Goarm != arm.Text))}: those images get ARMv{arm.Text} code", "set GOARM from TARGETVARIANT");
                    break;
                case ValueSource.OutOfScope:
                    OutOfScope(analyzer, line, "GOARM", arm, "error", "it expands to nothing, and a cross-compiling Go then uses GOARM=7");
                    break;
            }
        }

        if (os.Source == ValueSource.OutOfScope)
        {
            OutOfScope(analyzer, line, "GOOS", os, "warning", "it expands to nothing and Go builds for the build machine's OS");
        }

        if (cgo.Source == ValueSource.Unset)
        {
            analyzer.Report(line, "implicit-cgo", "warning", "CGO_ENABLED is not set: Go turns cgo on for native builds and off for cross builds, so platforms differ silently", "set CGO_ENABLED=0 (static) or CGO_ENABLED=1 with a target C toolchain");
        }
        else if (cgo is { Source: ValueSource.Literal, Text: "1" } && cc.Source == ValueSource.Unset)
        {
            analyzer.Report(line, "cgo-host-compiler", "error", $"CGO_ENABLED=1 in {where} without CC: cgo compiles the C parts with the build machine's gcc, which fails or targets the wrong machine for every other platform", "CC=<target triple>-gcc: eval \"$(crossbuild toolchain env $TARGETPLATFORM --cgo)\", or xx-go");
        }
    }

    // One finding per missing ARG and line: GOOS, GOARCH and GOARM from the same undeclared TARGETPLATFORM are one mistake.
    private static void OutOfScope(GoBuildAnalyzer analyzer, int line, string name, BuildValue value, string severity, string effect)
        => analyzer.ReportOnce((line, value.Detail), line, "arg-out-of-scope", severity, $"{name}={value.Text}, but {value.Detail} is not declared in this stage (a global ARG is not visible in a stage that does not re-declare it): {effect}", $"add ARG {value.Detail} to this stage");
}
