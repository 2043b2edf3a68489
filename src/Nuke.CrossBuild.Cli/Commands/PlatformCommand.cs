using System.CommandLine;
using Nuke.CrossBuild.Cli.Output;
using Nuke.CrossBuild.Platforms;
using Nuke.CrossBuild.Reports;

namespace Nuke.CrossBuild.Cli.Commands;

/// <summary><c>crossbuild platform &lt;platform&gt;... [--json]</c>: the facts the table holds for platforms.</summary>
internal static class PlatformCommand
{
    public static Command Create()
    {
        var platforms = new Argument<string[]>("platform")
        {
            Arity = ArgumentArity.OneOrMore,
            Description = "Platforms or aliases (linux/arm/v7, arm64, x86_64, armhf, ...), or presets (all, common).",
        };
        var json = new Option<bool>("--json") { Description = "Print JSON: one object per platform (an array when several)." };
        var command = new Command("platform", "Show what a platform means to Go, distributions, toolchains, QEMU and the ELF loader.")
        {
            platforms, json,
        };
        command.SetAction(result =>
        {
            var infos = PlatformSelection.Of(result.GetValue(platforms)!).Expand().Select(p => p.Info).ToList();
            var output = result.InvocationConfiguration.Output;
            if (result.GetValue(json))
            {
                output.WriteLine(PlatformJson.ToJson(infos));
            }
            else
            {
                output.WriteTable(Table(infos));
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static SummaryTable Table(IReadOnlyList<PlatformInfo> infos)
    {
        static string Or(string? value) => value ?? "-";
        var rows = new (string Name, Func<PlatformInfo, string> Value)[]
        {
            ("platform", i => i.Platform.ToString()),
            ("go", i => string.Join(' ', i.Go.ToVariables().Select(v => $"{v.Key}={v.Value}"))),
            ("uname -m", i => i.Uname),
            ("debian", i => Or(i.DebianArch)),
            ("alpine", i => Or(i.AlpineArch)),
            ("rhel", i => Or(i.RhelArch)),
            ("gnu triple", i => i.GnuTriple),
            ("musl triple", i => Or(i.MuslTriple)),
            ("clang target", i => i.ClangTarget),
            ("rust triple", i => Or(i.RustTriple)),
            ("zig target", i => Or(i.ZigTarget)),
            (".NET RID", i => Or(i.DotnetRid)),
            ("qemu", i => Or(i.Qemu)),
            ("qemu cpu", i => i.QemuCpu is null ? "-" : $"{i.QemuCpu} ({i.QemuCpuDescription})"),
            ("binary", i => i.Binary.ToString()),
        };
        return new SummaryTable(["", .. infos.Select(i => i.Platform.ToString())], rows.Skip(1).Select(r => (IReadOnlyList<string>)[r.Name, .. infos.Select(r.Value)]));
    }
}
