using Nuke.Common;
using Nuke.CrossBuild.Components;
using Nuke.CrossBuild.Tests.Infra;

namespace Nuke.CrossBuild.Tests.Components;

/// <summary>The targets the components declare, read the way NUKE reads them: names, dependencies, conditions, requirements, artifacts.</summary>
public sealed class ComponentGraphSpecs : IDisposable
{
    private readonly TempDirectory root = new();

    public void Dispose() => root.Dispose();

    // Every Target property of the component interfaces, by name, evaluated on a build.
    private static Dictionary<string, Target> Targets(object build) => typeof(IHazPlatforms).Assembly.GetExportedTypes()
        .Where(t => t.IsInterface && t.IsInstanceOfType(build))
        .SelectMany(t => t.GetProperties().Where(p => p.PropertyType == typeof(Target)))
        .ToDictionary(p => p.Name, p => (Target)p.GetValue(build)!);

    private static string NameOf(Dictionary<string, Target> targets, Target target) => targets.Single(t => t.Value.Method == target.Method).Key;

    private static Dictionary<string, string[]> Graph(object build)
    {
        var targets = Targets(build);
        return targets.ToDictionary(t => t.Key, t => TargetRecorder.Record(build, t.Value).Dependencies.Select(d => NameOf(targets, d)).Order(StringComparer.Ordinal).ToArray());
    }

    [Fact]
    public void The_components_declare_the_steps_and_their_order()
    {
        var graph = Graph(new TestBuild(root.Path));

        Assert.Equal(["AssembleImages", "BakeImages", "BuildImages", "CrossCompileGo", "EnsureBuilder", "EnsureEmulators", "PublishImages", "ReleaseBinaries", "VerifyBinaries", "VerifyImages"], graph.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["VerifyBinaries"], graph["ReleaseBinaries"]);
        Assert.Equal(["CrossCompileGo"], graph["AssembleImages"]);
        Assert.Empty(graph["EnsureBuilder"]);
        Assert.Empty(graph["BakeImages"]);
        Assert.Empty(graph["EnsureEmulators"]);
        Assert.Empty(graph["CrossCompileGo"]);
        Assert.Equal(["CrossCompileGo"], graph["VerifyBinaries"]);
        Assert.Equal(["EnsureBuilder", "EnsureEmulators"], graph["BuildImages"]);
        Assert.Equal(["BuildImages"], graph["VerifyImages"]);
        Assert.Equal(["VerifyImages"], graph["PublishImages"]);
    }

    [Fact]
    public void Every_target_has_a_description_and_actions()
    {
        var build = new TestBuild(root.Path);

        foreach (var (name, target) in Targets(build))
        {
            var recorded = TargetRecorder.Record(build, target);
            Assert.False(string.IsNullOrWhiteSpace(recorded.Text), name);
            Assert.NotEmpty(recorded.Actions);
        }
    }

    [Fact]
    public void Publishing_requires_a_registry_parameter()
    {
        var recorded = TargetRecorder.Record(new TestBuild(root.Path), ((IPublishImages)new TestBuild(root.Path)).PublishImages);

        Assert.Equal(["Registry"], recorded.Requirements);
    }

    [Fact]
    public void Emulators_are_registered_only_when_the_plan_emulates_a_platform()
    {
        File.WriteAllText(Path.Combine(root.Path, "Dockerfile"), "FROM --platform=$BUILDPLATFORM golang AS build\nARG TARGETOS TARGETARCH\nRUN GOOS=$TARGETOS GOARCH=$TARGETARCH go build -o /app .\nFROM scratch\nCOPY --from=build /app /app\n");
        var parameters = new Dictionary<string, object> { ["Platforms"] = new[] { "linux/arm64", "linux/riscv64" } };
        var crossing = new TestBuild(root.Path, parameters);
        var condition = TargetRecorder.Record(crossing, ((IEnsureEmulators)crossing).EnsureEmulators);

        Assert.Equal(["() => EmulatorsNeeded.Count > 0"], condition.DynamicConditions);
        Assert.False(condition.Conditions.Single()());

        File.WriteAllText(Path.Combine(root.Path, "Dockerfile"), "FROM golang AS build\nRUN go build -o /app .\nFROM scratch\nCOPY --from=build /app /app\n");
        Assert.True(condition.Conditions.Single()());
        Assert.Equal(["linux/arm64", "linux/riscv64"], ((IEnsureEmulators)crossing).EmulatorsNeeded.Select(p => p.ToString()));
    }

    [Fact]
    public void Targets_declare_their_artifacts_under_artifacts()
    {
        var build = new TestBuild(root.Path, new Dictionary<string, object> { ["ImageRepository"] = "team/app" });

        Assert.Equal([Path.Combine(root.Path, "artifacts", "oci", "team_app")], TargetRecorder.Record(build, ((IBuildImages)build).BuildImages).Artifacts);
        Assert.Equal([Path.Combine(root.Path, "artifacts", "bin", "*", "*")], TargetRecorder.Record(build, ((ICrossCompileGo)build).CrossCompileGo).Artifacts);
        Assert.Equal([Path.Combine(root.Path, "artifacts", "images", "assembled")], TargetRecorder.Record(build, ((IAssembleImages)build).AssembleImages).Artifacts);
    }
}
