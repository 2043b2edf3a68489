using System.Text.Json;
using System.Text.Json.Nodes;

namespace Nuke.CrossBuild.Matrix;

/// <summary>Writes a planned matrix as JSON: a plain array, or a GitHub Actions <c>strategy.matrix</c> object.</summary>
public static class MatrixJson
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>Writes the entries as an array of objects with <c>platform</c>, <c>mode</c>, emulator facts and the axes.</summary>
    /// <param name="entries">The entries.</param>
    /// <returns>Indented JSON.</returns>
    public static string ToJson(IEnumerable<MatrixEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var array = new JsonArray();
        foreach (var e in entries)
        {
            var item = new JsonObject
            {
                ["platform"] = e.Platform.ToString(),
                ["mode"] = ModeName(e.Mode),
                ["emulator"] = e.Emulator,
                ["emulatorNeeded"] = e.EmulatorNeeded,
                ["emulatorRegistered"] = e.EmulatorRegistered,
                ["runNeedsEmulator"] = e.RunNeedsEmulator,
            };
            if (e.Runner is not null)
            {
                item["runner"] = e.Runner;
            }

            if (e.Axes.Count > 0)
            {
                item["axes"] = new JsonObject(e.Axes.Select(a => new KeyValuePair<string, JsonNode?>(a.Key, a.Value)));
            }

            array.Add((JsonNode)item);
        }

        return array.ToJsonString(Indented);
    }

    /// <summary>Writes the entries as <c>{"include":[...]}</c> for <c>strategy.matrix: ${{ fromJSON(...) }}</c>; axes become keys.</summary>
    /// <param name="entries">The entries.</param>
    /// <returns>Compact JSON on one line, as <c>$GITHUB_OUTPUT</c> needs it.</returns>
    public static string ToGitHubMatrix(IEnumerable<MatrixEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var include = new JsonArray();
        foreach (var e in entries)
        {
            var item = new JsonObject
            {
                ["platform"] = e.Platform.ToString(),
                ["slug"] = e.Platform.ToSlug() + string.Concat(e.Axes.Select(a => "_" + a.Value)),
                ["mode"] = ModeName(e.Mode),
            };
            if (e.Runner is not null)
            {
                item["runner"] = e.Runner;
            }

            foreach (var axis in e.Axes)
            {
                item[axis.Key] = axis.Value;
            }

            include.Add((JsonNode)item);
        }

        return new JsonObject { ["include"] = include }.ToJsonString();
    }

    /// <summary>Returns the lower-case name of a mode (<c>native</c>, <c>cross</c>, <c>emulated</c>).</summary>
    /// <param name="mode">The mode.</param>
    /// <returns>The name.</returns>
    public static string ModeName(BuildMode mode) => mode.ToString().ToLowerInvariant();
}
