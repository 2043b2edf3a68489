using System.CommandLine;
using Nuke.CrossBuild.Cli;
using Nuke.CrossBuild.Tests.Infra;

namespace Nuke.CrossBuild.Tests.Cli;

/// <summary>docs/cli.md keeps step with the command tree: every command has its section, and every option is named there.</summary>
public sealed class CliDocsSpecs
{
    private static IEnumerable<(string Path, Command Command)> Leaves(Command command, string path)
    {
        var here = path.Length == 0 ? command.Name : $"{path} {command.Name}";
        return command.Subcommands.Count == 0 ? [(here, command)] : command.Subcommands.SelectMany(c => Leaves(c, path.Length == 0 ? "crossbuild" : here));
    }

    [Fact]
    public void Every_command_and_option_is_documented_in_docs_cli_md()
    {
        var docs = File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", "cli.md"));
        var missing = new List<string>();
        foreach (var (path, command) in Leaves(CliApp.Build(), string.Empty))
        {
            var start = docs.IndexOf($"## `{path}", StringComparison.Ordinal);
            if (start < 0)
            {
                missing.Add($"{path}: no section");
                continue;
            }

            var end = docs.IndexOf("\n## ", start + 4, StringComparison.Ordinal);
            var section = end < 0 ? docs[start..] : docs[start..end];
            missing.AddRange(command.Options.Where(o => o.Name is not ("--help" or "-?" or "-h")).Where(o => !section.Contains(o.Name, StringComparison.Ordinal)).Select(o => $"{path}: {o.Name}"));
        }

        Assert.True(missing.Count == 0, "not in docs/cli.md: " + string.Join("; ", missing));
    }
}
