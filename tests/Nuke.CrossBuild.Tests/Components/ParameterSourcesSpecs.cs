using Nuke.Common.IO;
using Nuke.CrossBuild.Components;
using Nuke.CrossBuild.Tests.Infra;

namespace Nuke.CrossBuild.Tests.Components;

/// <summary>
/// Where a parameter's value comes from, by NUKE 10.1.0's precedence (source/Nuke.Build/Execution/ParameterService.cs,
/// GetParameter and GetEnvironmentVariable; source/Nuke.Utilities/ArgumentParser.cs, GetArgumentIndex; source/Nuke.Build/
/// Execution/Extensions/ArgumentsFromParametersFileAttribute.cs), and the values NUKE would only warn about, refused.
/// </summary>
public sealed class ParameterSourcesSpecs : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    private AbsolutePath ParametersFile(string json)
    {
        var file = temp.Write(".nuke/parameters.json", json);
        return AbsolutePath.Create(file);
    }

    private ParameterSources Sources(string[] arguments, Dictionary<string, string>? environment = null)
        => new(arguments, environment ?? [], [ParametersFile("""{ "$schema": "./build.schema.json", "Platforms": ["linux/amd64", "linux/s390x"], "RequireStatic": true, "Registry": "ghcr.io" }""")]);

    [Fact]
    public void The_command_line_wins_over_the_environment_which_wins_over_parameters_json()
    {
        var sources = Sources(["VerifyBinaries", "--platforms", "linux/arm64"], new() { ["PLATFORMS"] = "linux/riscv64", ["REGISTRY"] = "127.0.0.1:5000" });

        Assert.Equal(("Platforms", "linux/arm64", "command line"), Describe(sources.Find("Platforms")));
        Assert.Equal(("Registry", "127.0.0.1:5000", "environment variable REGISTRY"), Describe(sources.Find("Registry")));
        Assert.Equal(("RequireStatic", "true", "parameters.json"), Describe(sources.Find("RequireStatic")));
        Assert.Null(sources.Find("ImageTag"));
    }

    [Fact]
    public void Options_match_without_dashes_ignoring_case_and_the_last_one_counts()
    {
        var sources = Sources(["--RequireStatic", "false", "--require-static", "true", "--image-tag"]);

        Assert.Equal(["true"], sources.Find("RequireStatic")!.Values);
        Assert.Empty(sources.Find("ImageTag")!.Values);
    }

    [Fact]
    public void Environment_names_match_by_letters_and_digits_or_with_a_nuke_prefix()
    {
        Assert.Equal("environment variable REQUIRE_STATIC", Sources([], new() { ["REQUIRE_STATIC"] = "false" }).Find("RequireStatic")!.Source);
        Assert.Equal("environment variable NUKE_IMAGE_TAG", Sources([], new() { ["NUKE_IMAGE_TAG"] = "v1" }).Find("ImageTag")!.Source);
        // Two candidates: NUKE warns "multiple values" and uses neither, so parameters.json's value stands.
        Assert.Equal("parameters.json", Sources([], new() { ["REQUIRE_STATIC"] = "false", ["REQUIRESTATIC"] = "false" }).Find("RequireStatic")!.Source);
    }

    [Theory]
    [InlineData("maybe")]
    [InlineData("yes")]
    [InlineData("1")]
    public void A_value_that_is_not_a_boolean_is_a_one_line_error(string value)
    {
        var error = Assert.Throws<SettingsException>(() => Sources(["--require-static", value]).Find("RequireStatic")!.ToBoolean("require-static"));

        Assert.Equal($"--require-static: expected true or false, got '{value}' (command line)", error.Message);
        Assert.Equal("--require-static", error.Setting);
    }

    [Fact]
    public void A_bare_switch_is_true_and_booleans_ignore_case()
    {
        Assert.True(Sources(["--require-static"]).Find("RequireStatic")!.ToBoolean("require-static"));
        Assert.False(Sources(["--require-static", "False"]).Find("RequireStatic")!.ToBoolean("require-static"));
        Assert.False(Sources([], new() { ["REQUIRESTATIC"] = string.Empty }).Find("RequireStatic")!.ToBoolean("require-static"));
    }

    [Fact]
    public void Options_no_parameter_declares_are_listed()
    {
        var sources = Sources(["Publish", "--platform", "linux/arm64", "--require-static", "--no-logo"]);

        Assert.Equal(["--platform"], sources.UnknownOptions(["Platforms", "RequireStatic", "NoLogo"]));
    }

    [Fact]
    public void A_parameters_file_that_is_not_a_json_object_is_a_one_line_error()
    {
        var file = ParametersFile("[1, 2]");

        var error = Assert.Throws<SettingsException>(() => new ParameterSources([], new Dictionary<string, string>(), [file]));

        Assert.Equal($"{file}: expected a JSON object, got Array", error.Message);
    }

    [Fact]
    public void A_typo_in_require_static_fails_the_component_instead_of_turning_the_check_off()
    {
        // What NUKE does with "--require-static maybe": a warning and no value (ValueInjectionAttributeBase.TryGetValue);
        // the component then reads the sources itself. Here the build's parameters.json holds the bad value.
        ParametersFile("""{ "RequireStatic": "maybe" }""");
        var build = new TestBuild(temp.Path);

        var error = Assert.Throws<SettingsException>(() => ((IHazPlatforms)build).RequireStatic);

        Assert.Equal("--require-static: expected true or false, got 'maybe' (parameters.json)", error.Message);
    }

    private static (string Name, string Values, string Source) Describe(ParameterValue? value)
        => value is null ? default : (value.Name, string.Join(' ', value.Values), value.Source);
}
