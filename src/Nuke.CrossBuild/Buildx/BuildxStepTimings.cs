using System.Globalization;
using System.Text.RegularExpressions;
using Nuke.CrossBuild.Platforms;

namespace Nuke.CrossBuild.Buildx;

/// <summary>
/// Reads the seconds BuildKit spent per target platform from <c>--progress plain</c> output. A step is labelled
/// <c>[linux/arm64 build 5/5]</c> (runs on that platform: native or emulated) or <c>[linux/amd64->arm/v7 build 5/5]</c>
/// (runs on the build platform for that target: cross); the seconds of its <c>#N DONE 1.2s</c> line count for the
/// target. Steps before the platform split carry the build platform's label and count for it. Cached steps count 0.
/// </summary>
public static partial class BuildxStepTimings
{
    /// <summary>Sums the step seconds per target platform.</summary>
    /// <param name="lines">The progress lines, in order.</param>
    /// <returns>Seconds by normalized platform (e.g. <c>linux/arm/v7</c>), in order of first appearance.</returns>
    public static IReadOnlyDictionary<string, double> Parse(IEnumerable<string> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var vertexPlatform = new Dictionary<string, string>(StringComparer.Ordinal);
        var seconds = new Dictionary<string, double>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var line in lines)
        {
            if (Label().Match(line) is { Success: true } label && Target(label.Groups["platform"].Value) is { } platform)
            {
                vertexPlatform[label.Groups["id"].Value] = platform;
                if (!seconds.ContainsKey(platform))
                {
                    seconds[platform] = 0;
                    order.Add(platform);
                }
            }
            else if (Done().Match(line) is { Success: true } done && vertexPlatform.TryGetValue(done.Groups["id"].Value, out var owner))
            {
                seconds[owner] += double.Parse(done.Groups["seconds"].Value, CultureInfo.InvariantCulture);
            }
        }

        return order.ToDictionary(p => p, p => Math.Round(seconds[p], 3), StringComparer.Ordinal);
    }

    // "linux/amd64->arm/v7" targets linux/arm/v7; "linux/arm64" is its own target. Labels that are not platforms are left out.
    private static string? Target(string text)
    {
        var arrow = text.IndexOf("->", StringComparison.Ordinal);
        var candidate = arrow < 0 ? text : text[..text.IndexOf('/', StringComparison.Ordinal)] + "/" + text[(arrow + 2)..];
        return Platform.TryParse(candidate, out var platform, out _) ? platform.ToString() : null;
    }

    [GeneratedRegex(@"^#(?<id>\d+) \[(?<platform>[a-z0-9]+/[a-z0-9_/]+(?:->[a-z0-9_/]+)?) [^\]]*\]")]
    private static partial Regex Label();

    [GeneratedRegex(@"^#(?<id>\d+) DONE (?<seconds>\d+(?:\.\d+)?)s\s*$")]
    private static partial Regex Done();
}
