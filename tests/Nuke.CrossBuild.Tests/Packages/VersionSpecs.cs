using System.Text.RegularExpressions;
using Nuke.CrossBuild.Tests.Infra;
using Nuke.CrossBuild.Workflows;

namespace Nuke.CrossBuild.Tests.Packages;

/// <summary>One version everywhere: the props, the CHANGELOG's newest section, the action's and the workflow's default tool.</summary>
public sealed partial class VersionSpecs
{
    private static string PropsVersion()
    {
        var props = File.ReadAllText(Path.Combine(RepoPaths.Root, "Directory.Build.props"));
        return VersionElement().Match(props) is { Success: true } m ? m.Groups[1].Value : throw new InvalidOperationException("expected <Version> in Directory.Build.props, got none");
    }

    [Fact]
    public void The_changelogs_newest_section_is_the_package_version()
    {
        var changelog = File.ReadLines(Path.Combine(RepoPaths.Root, "CHANGELOG.md")).First(l => l.StartsWith("## ", StringComparison.Ordinal));

        Assert.Equal(PropsVersion(), changelog[3..].Split(' ')[0]);
    }

    [Fact]
    public void The_built_library_and_the_workflows_default_tool_are_the_package_version()
    {
        Assert.Equal(PropsVersion(), typeof(Nuke.CrossBuild.Platforms.Platform).Assembly.GetName().Version!.ToString(3));
        Assert.Equal(PropsVersion(), new WorkflowSettings().ToolVersion);
    }

    [Fact]
    public void The_actions_default_tool_version_is_the_package_version()
    {
        var action = File.ReadAllText(Path.Combine(RepoPaths.Root, "action.yml"));
        var match = ActionToolVersion().Match(action);

        Assert.True(match.Success, "expected a tool-version input with a default in action.yml");
        Assert.Equal(PropsVersion(), match.Groups[1].Value);
    }

    [GeneratedRegex(@"<Version>([^<]+)</Version>")]
    private static partial Regex VersionElement();

    [GeneratedRegex(@"(?m)^  tool-version:\n(?:    .*\n)*?    default: (\S+)")]
    private static partial Regex ActionToolVersion();
}
