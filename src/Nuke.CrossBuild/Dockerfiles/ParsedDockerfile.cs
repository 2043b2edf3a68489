namespace Nuke.CrossBuild.Dockerfiles;

/// <summary>A parsed Dockerfile: its parser directives (lower-case names, with their lines), escape character and instructions.</summary>
internal sealed record ParsedDockerfile(IReadOnlyDictionary<string, (string Value, int Line)> Directives, char Escape, IReadOnlyList<DockerfileInstruction> Instructions);
