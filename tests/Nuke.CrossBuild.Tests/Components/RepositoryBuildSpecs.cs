using System.Reflection;
using System.Text.Json;
using Nuke.Common;
using Nuke.Common.IO;
using Nuke.CrossBuild.Assembling;
using Nuke.CrossBuild.Buildx;
using Nuke.CrossBuild.Components;
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

    private static ParameterSources RepositorySources(params string[] arguments)
        => new(arguments, new Dictionary<string, string> { ["REGISTRY"] = "127.0.0.1:5000" }, [AbsolutePath.Create(RepoPaths.Root) / ".nuke" / "parameters.json"]);

    [Fact]
    public void The_start_of_a_run_shows_each_parameter_with_its_source()
    {
        var lines = ParameterReport.Lines(build, RepositorySources("VerifyBinaries", "--sample", "02-armv6-armv7", "--frobnicate", "1"));

        string Line(string option) => Assert.Single(lines, l => l.StartsWith($"  --{option} ", StringComparison.Ordinal));
        Assert.EndsWith("command line", Line("sample"));
        Assert.EndsWith("parameters.json", Line("platforms"));
        Assert.EndsWith("parameters.json", Line("require-static"));
        Assert.EndsWith("environment variable REGISTRY", Line("registry"));
        Assert.EndsWith("set by build/Build.cs", Line("dockerfile"));
        Assert.Matches(@"^  --image-tag\s+latest\s+default$", Line("image-tag"));
        Assert.Equal("warning: unknown option '--frobnicate': no parameter of this build or of NUKE has that name; ignored", lines[^1]);
    }

    [Fact]
    public void NUKEs_own_options_are_no_unknown_options()
    {
        var lines = ParameterReport.Lines(build, RepositorySources("--target", "VerifyBinaries", "--skip", "--root", "/x", "--verbosity", "verbose", "--no-logo", "--help", "--plan", "--profile", "ci", "--shell-completion"));

        Assert.DoesNotContain(lines, l => l.StartsWith("warning", StringComparison.Ordinal));
    }

    [Fact]
    public void A_parameter_this_build_sets_itself_is_refused_on_the_command_line()
    {
        var error = Assert.Throws<SettingsException>(() => ParameterReport.Lines(build, RepositorySources("--dockerfile", "other/Dockerfile")));

        Assert.Equal("--dockerfile: expected no value (build/Build.cs sets it from --sample), got 'other/Dockerfile' (command line)", error.Message);
    }

    [Fact]
    public void A_platform_spec_that_names_no_platform_is_a_one_line_error_before_any_target()
    {
        var typo = new TestBuild(RepoPaths.Root, new Dictionary<string, object> { ["Platforms"] = new[] { "linux/amd65" } });

        var error = Assert.Throws<SettingsException>(() => ParameterReport.Lines(typo, RepositorySources()));

        Assert.StartsWith("--platforms: invalid platform 'linux/amd65': ", error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }
}
