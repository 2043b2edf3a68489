using System.ComponentModel;
using System.Reflection;
using Nuke.Common;
using Nuke.Common.CI;
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

    [Fact]
    public void Host_and_Partition_carry_nukes_type_converters()
    {
        // source/Nuke.Build/Host.Activation.cs: a private nested converter picking the one public Host subclass whose full
        // name ends with the text; source/Nuke.Build/CICD/Partition.cs: a public nested Partition.TypeConverter for "2/3".
        var host = TypeDescriptor.GetConverter(typeof(Host));
        var partition = (Partition)TypeDescriptor.GetConverter(typeof(Partition)).ConvertFrom("2/3")!;

        Assert.Equal(("TypeConverter", false), (host.GetType().Name, host.GetType().IsPublic || host.GetType().IsNestedPublic));
        Assert.IsType<ContractTestHost>(host.ConvertFrom("contracttesthost"));
        Assert.Throws<ArgumentException>(() => host.ConvertFrom("NoSuchHost"));
        Assert.False(host.CanConvertTo(typeof(string)));
        Assert.IsType<Partition.TypeConverter>(TypeDescriptor.GetConverter(typeof(Partition)));
        Assert.Equal("2/3", partition.ToString());
        Assert.Equal([2, 5], partition.GetCurrent([1, 2, 3, 4, 5, 6]));
        Assert.Equal(
            [typeof(TypeConverterAttribute)],
            new[] { typeof(Host), typeof(Partition), typeof(AbsolutePath) }.Select(t => t.GetCustomAttribute<TypeConverterAttribute>()!.GetType()).Distinct());
    }
}
