using System.Text.Json;
using System.Text.Json.Nodes;
using Nuke.CrossBuild.Platforms;

namespace Nuke.CrossBuild.Verification;

/// <summary>Writes verification outcomes as the objects <c>crossbuild verify --json</c> prints.</summary>
public static class VerificationJson
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>Builds the object for one outcome: <c>file</c>, <c>ok</c>, <c>problems</c>, <c>expected</c>, then the binary's facts.</summary>
    /// <param name="verification">The outcome.</param>
    /// <returns>The object.</returns>
    public static JsonObject ToNode(BinaryVerification verification)
    {
        ArgumentNullException.ThrowIfNull(verification);
        var node = new JsonObject
        {
            ["file"] = verification.Report.File,
            ["ok"] = verification.Ok,
            ["problems"] = new JsonArray([.. verification.Problems.Select(p => (JsonNode?)p)]),
            ["expected"] = verification.Expected.ToString(),
            ["static"] = verification.RequireStatic,
        };
        foreach (var fact in ToNode(verification.Report))
        {
            node[fact.Key] = fact.Value?.DeepClone();
        }

        return node;
    }

    /// <summary>Builds the facts object of a report.</summary>
    /// <param name="report">The report.</param>
    /// <returns>The object (<c>error</c>, <c>format</c>, <c>os</c>, <c>class</c>, ..., <c>go</c>).</returns>
    public static JsonObject ToNode(BinaryReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var go = report.Go is { } g
            ? new JsonObject
            {
                ["version"] = g.GoVersion,
                ["path"] = g.Path,
                ["settings"] = new JsonObject(g.Settings.DistinctBy(s => s.Key).Select(s => new KeyValuePair<string, JsonNode?>(s.Key, s.Value))),
            }
            : null;
        return new JsonObject
        {
            ["error"] = report.Error,
            ["description"] = report.ToString(),
            ["format"] = report.Format switch { BinaryFormat.Elf => "elf", BinaryFormat.Pe => "pe", BinaryFormat.MachO => "macho", _ => null },
            ["os"] = report.Os,
            ["class"] = report.Identity?.Class,
            ["endianness"] = report.Identity is null ? null : report.Identity.Endianness == Endianness.Little ? "little" : "big",
            ["machine"] = report.Identity?.Machine,
            ["machineName"] = report.MachineName,
            ["kind"] = report.Kind,
            ["isStatic"] = report.IsStatic,
            ["interpreter"] = report.Interpreter,
            ["needed"] = new JsonArray([.. report.Needed.Select(n => (JsonNode?)n)]),
            ["armFloatAbi"] = report.ArmFloatAbi,
            ["armLevel"] = report.ArmLevel,
            ["go"] = go,
        };
    }

    /// <summary>Writes an array of outcomes.</summary>
    /// <param name="verifications">The outcomes.</param>
    /// <returns>Indented JSON.</returns>
    public static string ToJson(IEnumerable<BinaryVerification> verifications)
        => new JsonArray([.. verifications.Select(v => (JsonNode?)ToNode(v))]).ToJsonString(Indented);
}
