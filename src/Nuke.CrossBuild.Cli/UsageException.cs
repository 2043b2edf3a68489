namespace Nuke.CrossBuild.Cli;

/// <summary>A command line that parsed but makes no sense; reported as one line with exit code 2.</summary>
internal sealed class UsageException(string message) : CrossBuildException(message);
