using System.Reflection;
using System.Text.Json;
using Nuke.Common;
using Nuke.CrossBuild.Buildx;
using Nuke.CrossBuild.Components;
using Nuke.CrossBuild.Images.Assembly;
using Nuke.CrossBuild.Tests.Infra;
using Nuke.CrossBuild.Toolchains.Go;

namespace Nuke.CrossBuild.Tests.Components;

/// <summary>This repository's own NUKE build (build/Build.cs, .nuke/parameters.json): its target graph, parameters and settings.</summary>
public sealed class RepositoryBuildSpecs
{
    private readonly Build build = new();

    [Fact]
    public void The_default_sample_builds_from_its_own_directory_on_the_local_bases()
    {
        var images = (IBuildImages)build;
        var root = NukeBuild.RootDirectory.ToString();

        var settings = images.BuildImagesSettings(images.BuildImagesSettingsBase(new BuildxBuildSettings()));

        Assert.Equal("samples/01-cross-compile", images.ImageRepository);
        Assert.Equal(Path.Combine(root, "samples", "01-cross-compile", "Dockerfile"), settings.File);
        Assert.Equal(Path.Combine(root, "samples", "01-cross-compile"), settings.Context);
        Assert.Contains("GO_IMAGE=127.0.0.1:5000/crossbuild/golang:1.23", BuildxArguments.Build(settings));
        var go = ((ICrossCompileGo)build).CrossCompileGoSettings(((ICrossCompileGo)build).CrossCompileGoSettingsBase(new GoBuildSettings()));
        Assert.Equal((Path.Combine(root, "samples", "01-cross-compile"), "app", true), (go.WorkingDirectory, go.Name, go.StripSymbols));
        var assemble = ((IAssembleImages)build).AssembleImagesSettings(new ImageAssemblySettings());
        Assert.Equal(("/", "crossbuild/samples/01-cross-compile:latest"), (assemble.BinaryDirectory, assemble.Tag));
    }

    [Fact]
    public void Its_targets_chain_from_the_go_matrix_and_the_builder_to_the_push()
    {
        var publish = TargetRecorder.Record(build, ((IPublishImages)build).PublishImages);
        var verify = TargetRecorder.Record(build, ((IVerifyImages)build).VerifyImages);
        var binaries = TargetRecorder.Record(build, ((IVerifyBinaries)build).VerifyBinaries);
        var assemble = TargetRecorder.Record(build, ((IAssembleImages)build).AssembleImages);

        Assert.Contains(((IVerifyImages)build).VerifyImages, publish.Dependencies);
        Assert.Contains("Registry", publish.Requirements);
        Assert.Contains(((IBuildImages)build).BuildImages, verify.Dependencies);
        Assert.Contains(((ICrossCompileGo)build).CrossCompileGo, binaries.Dependencies);
        Assert.Contains(((ICrossCompileGo)build).CrossCompileGo, assemble.Dependencies);
    }

    [Fact]
    public void Every_key_of_the_parameters_file_is_a_parameter_the_build_declares()
    {
        var declared = typeof(Build).GetFields(BindingFlags.Instance | BindingFlags.NonPublic).Cast<MemberInfo>()
            .Concat(typeof(Build).GetInterfaces().SelectMany(i => i.GetProperties()))
            .Where(m => m.GetCustomAttribute<ParameterAttribute>() is not null)
            .Select(m => m.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        using var parameters = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, ".nuke", "parameters.json")));

        var keys = parameters.RootElement.EnumerateObject().Select(p => p.Name).Where(k => !k.StartsWith('$')).ToList();

        Assert.Equal(["Sample", "Platforms", "RequireStatic"], keys);
        Assert.All(keys, k => Assert.Contains(k, declared));
        Assert.True(Directory.Exists(Path.Combine(RepoPaths.Root, "samples", parameters.RootElement.GetProperty("Sample").GetString()!)));
    }
}
