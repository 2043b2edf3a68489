namespace Nuke.CrossBuild.Assembling;

/// <summary>What the assembled config tells the runtime: user, environment, entrypoint, arguments, working directory, labels.</summary>
internal sealed record ImageRuntimeConfig(
    string User, IReadOnlyList<string> Environment, IReadOnlyList<string> Entrypoint, IReadOnlyList<string> Cmd, string? WorkingDirectory, IReadOnlyDictionary<string, string> Labels);
