using System.Text.RegularExpressions;

namespace Nuke.CrossBuild.Pipelines;

/// <summary>
/// Tells a build that failed only because the engine refused the load exporter from any other failure: the engine
/// without the containerd image store cannot hold a multi-platform image, and buildx or BuildKit before 0.13 take one
/// exporter per build. Only such a build is run again without the load; a failing compile is never run twice.
/// </summary>
internal static partial class LoadRefusal
{
    /// <summary>Whether the failure is the engine or buildx refusing the load next to the other outputs.</summary>
    public static bool Is(CrossBuildException failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        var lines = failure is ToolFailedException tool ? tool.ErrorLines.Append(failure.Message) : [failure.Message];
        return lines.Any(l => Refusal().IsMatch(l));
    }

    // docker exporter: "does not currently support exporting manifest lists"; buildx < 0.13: "multiple outputs currently
    // unsupported"; BuildKit < 0.13: "multiple exporters are not supported".
    [GeneratedRegex(@"docker exporter does not (currently )?support|exporting manifest lists|multiple (outputs|exporters)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Refusal();
}
