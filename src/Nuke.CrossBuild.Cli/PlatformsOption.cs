using System.CommandLine;

namespace Nuke.CrossBuild.Cli;

/// <summary>
/// The one <c>--platforms</c> option of every command: one name, one spec syntax, one default rule. A command that
/// produces builds (<c>go build</c>, <c>image build</c>, <c>github workflow</c>) defaults to the <see cref="Preset"/>
/// preset; a command that consumes an earlier step's output (<c>github release</c>, <c>image assemble</c>,
/// <c>image merge</c>, <c>image verify</c>, <c>dockerfile doctor</c>) takes, given no <c>--platforms</c>, the platforms
/// that output holds, never a preset.
/// </summary>
internal static class PlatformsOption
{
    /// <summary>The option's name.</summary>
    public const string Name = "--platforms";

    /// <summary>The preset a producing command builds when given no <c>--platforms</c>.</summary>
    public const string Preset = Platforms.PlatformSelection.DefaultSpec;

    private const string Specs = "Platform specs, comma separated: platforms (linux/arm/v7), presets (all, common, arm, go-first-class, distroless), wildcards (linux/arm/*), exclusions (!linux/386)";

    /// <summary>The option of a command that produces builds for platforms: default <see cref="Preset"/>.</summary>
    /// <param name="what">What the platforms are, e.g. "the platforms built".</param>
    public static Option<string> ForProducer(string what) => new(Name)
    {
        DefaultValueFactory = _ => Preset, // the help shows it: [default: common]
        Description = $"{what}. {Specs}.",
    };

    /// <summary>The option of a command that consumes an earlier step's output: without it, what that output holds.</summary>
    /// <param name="what">What the platforms are, e.g. "the platforms released".</param>
    /// <param name="holds">Where they come from when omitted, e.g. "the platforms go build wrote binaries for".</param>
    public static Option<string?> ForConsumer(string what, string holds) => new(Name)
    {
        Description = $"{what}. {Specs}; default: {holds}.",
    };
}
