using Nuke.CrossBuild.Cli;

namespace Nuke.CrossBuild.Tests.Cli;

/// <summary>Runs the crossbuild command tree in-process and captures its streams.</summary>
internal static class CliRunner
{
    public static (int ExitCode, string StdOut, string StdErr) Run(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exitCode = CliApp.Run(args, stdout, stderr);
        return (exitCode, stdout.ToString(), stderr.ToString());
    }
}
