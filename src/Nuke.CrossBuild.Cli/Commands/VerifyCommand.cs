using System.CommandLine;
using Nuke.CrossBuild.Platforms;
using Nuke.CrossBuild.Verification;

namespace Nuke.CrossBuild.Cli.Commands;

/// <summary><c>crossbuild verify [--platform p | --pattern p] [--static] [--json] &lt;file&gt;...</c>: xx-verify, read in managed code.</summary>
internal static class VerifyCommand
{
    public static Command Create()
    {
        var files = new Argument<string[]>("file") { Arity = ArgumentArity.OneOrMore, Description = "Binaries to check." };
        var platform = new Option<string?>("--platform") { Description = "Expected platform. Default: TARGETPLATFORM, else TARGETOS/TARGETARCH/TARGETVARIANT, else this host." };
        var pattern = new Option<string?>("--pattern") { Description = "Each file's platform from its path, by the output pattern it was built with, e.g. 'dist/{platform}/{name}' (as go build -o); verifies a mixed set in one call." };
        var requireStatic = new Option<bool>("--static") { Description = "Also require static linking (linux, freebsd); XX_VERIFY_STATIC=1 does the same." };
        var json = new Option<bool>("--json") { Description = "Print one report object per file: file, ok, problems and the binary's facts." };
        var command = new Command("verify", "Check that binaries match the platform they were built for: format/OS, machine, class, byte order, ARM level, Go GOOS/GOARCH, static linking.")
        {
            files, platform, pattern, requireStatic, json,
        };
        command.SetAction(result =>
        {
            var isStatic = result.GetValue(requireStatic) || Environment.GetEnvironmentVariable("XX_VERIFY_STATIC") == "1";
            List<BinaryVerification> verifications;
            if (result.GetValue(pattern) is { } outputPattern)
            {
                if (result.GetValue(platform) is not null)
                {
                    throw new UsageException("--platform and --pattern exclude each other: with --pattern each file's path names its platform");
                }

                verifications = [.. result.GetValue(files)!.Select(f => BinaryVerifier.Verify(f, OutputPattern.PlatformOf(outputPattern, f), isStatic))];
            }
            else
            {
                var expected = result.GetValue(platform) is { } text ? Platform.Parse(text) : TargetPlatform.FromEnvironment(Environment.GetEnvironmentVariable);
                verifications = [.. result.GetValue(files)!.Select(f => BinaryVerifier.Verify(f, expected, isStatic))];
            }

            var (output, error) = (result.InvocationConfiguration.Output, result.InvocationConfiguration.Error);
            if (result.GetValue(json))
            {
                output.WriteLine(VerificationJson.ToJson(verifications));
            }
            else
            {
                foreach (var v in verifications.Where(v => v.Ok))
                {
                    output.WriteLine($"ok {v.Report.File}: {v.Report}");
                }
            }

            foreach (var problem in verifications.SelectMany(v => v.Problems))
            {
                error.WriteLine(problem);
            }

            return verifications.All(v => v.Ok) ? ExitCodes.Ok : ExitCodes.CheckFailed;
        });
        return command;
    }
}
