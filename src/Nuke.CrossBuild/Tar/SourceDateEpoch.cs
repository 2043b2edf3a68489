using System.Globalization;
using Nuke.CrossBuild.Internal;

namespace Nuke.CrossBuild.Tar;

/// <summary>
/// The time reproducible output is stamped with (reproducible-builds.org's <c>SOURCE_DATE_EPOCH</c>): the given value,
/// else the <c>SOURCE_DATE_EPOCH</c> variable, else the commit time of <c>HEAD</c>, else 0 (1970-01-01).
/// </summary>
public static class SourceDateEpoch
{
    /// <summary>Resolves the epoch.</summary>
    /// <param name="explicitEpoch">A value given by the user, or null.</param>
    /// <param name="directory">Where to ask git for <c>HEAD</c>'s commit time.</param>
    /// <param name="getVariable">Reads environment variables, or null for the process environment.</param>
    /// <param name="cancellationToken">Stops git.</param>
    /// <returns>Unix seconds.</returns>
    /// <exception cref="InputException"><c>SOURCE_DATE_EPOCH</c> is set but is not Unix seconds.</exception>
    public static async Task<long> ResolveAsync(long? explicitEpoch, string directory, Func<string, string?>? getVariable = null, CancellationToken cancellationToken = default)
    {
        if (explicitEpoch is { } given)
        {
            return given;
        }

        getVariable ??= System.Environment.GetEnvironmentVariable;
        if (getVariable("SOURCE_DATE_EPOCH") is { Length: > 0 } text)
        {
            return Parse(text, "SOURCE_DATE_EPOCH");
        }

        if (PathLookup.Find("git") is not { } git || !Directory.Exists(directory))
        {
            return 0;
        }

        var run = await Tool.RunAsync(git, ["log", "-1", "--format=%ct"], workingDirectory: directory, cancellationToken: cancellationToken).ConfigureAwait(false);
        return run.Succeeded && long.TryParse(run.StdOut.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var commit) ? commit : 0;
    }

    /// <summary>Parses Unix seconds.</summary>
    /// <param name="text">The text.</param>
    /// <param name="what">What the text is, for the message.</param>
    /// <returns>The seconds.</returns>
    /// <exception cref="InputException">The text is not a whole number of seconds from 0 to 253402300799 (9999-12-31).</exception>
    public static long Parse(string text, string what)
        => long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds <= 253402300799
            ? seconds
            : throw new InputException($"invalid {what} '{text}': expected Unix seconds (a whole number from 0 to 253402300799)");
}
