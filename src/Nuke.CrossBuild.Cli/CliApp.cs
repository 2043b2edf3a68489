using System.CommandLine;
using Nuke.CrossBuild.Cli.Commands;

namespace Nuke.CrossBuild.Cli;

/// <summary>The crossbuild command tree and its error handling: usage errors are one line on stderr and exit 2.</summary>
internal static class CliApp
{
    public static RootCommand Build()
    {
        var root = new RootCommand("crossbuild: platform facts, build matrices and verified multi-architecture Go builds.\n" +
            "Exit codes: 0 ok, 1 check failed, 2 usage error.");
        root.Subcommands.Add(PlatformCommand.Create());
        root.Subcommands.Add(MatrixCommand.Create());
        root.Subcommands.Add(VerifyCommand.Create());
        root.Subcommands.Add(ImageCommand.Create());
        root.Subcommands.Add(GoCommand.Create());
        root.Subcommands.Add(ToolchainCommand.Create());
        root.Subcommands.Add(DockerfileCommand.Create());
        root.Subcommands.Add(GitHubCommand.Create());
        return root;
    }

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        GitHubOutputs.MaskSecrets(stderr);
        var result = Build().Parse(args);
        if (result.Errors.Count > 0)
        {
            var command = result.CommandResult.Command;
            var name = command is RootCommand ? "crossbuild" : $"crossbuild {command.Name}";
            stderr.WriteLine($"{name}: {result.Errors[0].Message} (see '{name} --help')");
            return ExitCodes.Usage;
        }

        try
        {
            return result.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false });
        }
        catch (CrossBuildException e)
        {
            stderr.WriteLine($"crossbuild: {e.Message}");
            return e is Platforms.UnsupportedPlatformException or UsageException ? ExitCodes.Usage : ExitCodes.CheckFailed;
        }
    }
}
