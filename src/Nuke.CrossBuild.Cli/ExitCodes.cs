namespace Nuke.CrossBuild.Cli;

/// <summary>The exit codes every crossbuild command uses (docs/cli.md lists them).</summary>
internal static class ExitCodes
{
    /// <summary>Everything matched or succeeded.</summary>
    public const int Ok = 0;

    /// <summary>A check failed (a binary or image did not match, a build failed) or an operation could not be done (unreachable registry, unreadable file).</summary>
    public const int CheckFailed = 1;

    /// <summary>The command line was wrong (unknown option, invalid or empty platform, a value with a line break where none may be).</summary>
    public const int Usage = 2;

    /// <summary>A bug in crossbuild: an exception no code path expected (sysexits' EX_SOFTWARE).</summary>
    public const int InternalError = 70;

    /// <summary>Ctrl+C (SIGINT): children stopped, temporary files removed (128 + 2).</summary>
    public const int Interrupted = 130;

    /// <summary>SIGTERM: children stopped, temporary files removed (128 + 15).</summary>
    public const int Terminated = 143;
}
