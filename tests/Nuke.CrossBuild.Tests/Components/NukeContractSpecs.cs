using System.Reflection;
using Nuke.Common;
using Nuke.Common.IO;

namespace Nuke.CrossBuild.Tests.Components;

/// <summary>
/// The stand-ins the components compile against declare NUKE 10.1.0's members (read from nuke-build/nuke at tag 10.1.0,
/// source/Nuke.Build/INukeBuild.cs and ITargetDefinition.cs) and its path rules, so clashes and path mistakes show here.
/// </summary>
public sealed class NukeContractSpecs
{
    [Fact]
    public void INukeBuild_declares_the_public_members_of_nuke_10_1()
    {
        string[] expected =
        [
            "AbortedTargets", "BuildAssemblyDirectory", "BuildAssemblyFile", "BuildProjectDirectory", "BuildProjectFile", "Continue", "ExecutionPlan",
            "ExitCode", "FailedTargets", "FinishedTargets", "Help", "Host", "InvokedTargets", "IsFailing", "IsFinished", "IsLocalBuild", "IsServerBuild",
            "IsSucceeding", "NoLogo", "Partition", "Plan", "ReportSummary", "RootDirectory", "RunningTargets", "ScheduledTargets", "SkippedTargets",
            "SucceededTargets", "TemporaryDirectory", "TryGetValue", "TryGetValue", "Verbosity",
        ];

        var members = typeof(INukeBuild).GetMembers().Where(m => m is PropertyInfo || m is MethodInfo { IsSpecialName: false }).Select(m => m.Name).Order(StringComparer.Ordinal);

        Assert.Equal(expected, members);
        Assert.Equal((typeof(bool), "10.1.0.0"), (typeof(INukeBuild).GetProperty("Plan")!.PropertyType, typeof(INukeBuild).Assembly.GetName().Version!.ToString()));
    }

    [Fact]
    public void ITargetDefinition_declares_the_45_members_of_nuke_10_1_with_their_constraints()
    {
        var methods = typeof(ITargetDefinition).GetMethods();

        Assert.Equal(45, methods.Length);
        Assert.Equal(6, methods.Count(m => m.Name == "Requires"));
        Assert.Equal(5, methods.Count(m => m.Name == "Consumes"));
        var onContext = methods.Single(m => m.Name == "DependsOnContext").GetGenericArguments()[0];
        Assert.Equal([typeof(INukeBuild)], onContext.GetGenericParameterConstraints());
    }

    [Fact]
    public void AbsolutePath_refuses_a_relative_string_and_a_rooted_right_side_as_nuke_does()
    {
        var root = AbsolutePath.Create("/src/app");

        var relative = Assert.Throws<ArgumentException>(() => (AbsolutePath)"relative/dir");
        var rooted = Assert.Throws<ArgumentException>(() => root / "/etc/Dockerfile");

        Assert.Equal("Path 'relative/dir' must be rooted", relative.Message);
        Assert.Equal("Second path must not be rooted", rooted.Message);
        Assert.Equal("/src/app/build/Dockerfile", (root / "build/Dockerfile").ToString());
    }
}
