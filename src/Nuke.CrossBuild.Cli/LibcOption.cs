using System.CommandLine;
using Nuke.CrossBuild.Toolchains;

namespace Nuke.CrossBuild.Cli;

/// <summary>The <c>--libc gnu|musl</c> option every command that builds C shares, and its parsing.</summary>
internal static class LibcOption
{
    public static Option<string> Create(string description) => new("--libc") { DefaultValueFactory = _ => "gnu", Description = description };

    public static Libc Parse(string? text) => text switch
    {
        "gnu" => Libc.Gnu,
        "musl" => Libc.Musl,
        _ => throw new UsageException($"invalid --libc '{text}': expected gnu or musl"),
    };
}
