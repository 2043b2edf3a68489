namespace Nuke.CrossBuild.Cli;

/// <summary>The exit codes every crossbuild command uses.</summary>
internal static class ExitCodes
{
    /// <summary>Everything matched or succeeded.</summary>
    public const int Ok = 0;

    /// <summary>A check failed (a binary or image did not match, a build failed).</summary>
    public const int CheckFailed = 1;

    /// <summary>The command line was wrong (unknown option, invalid platform).</summary>
    public const int Usage = 2;
}
