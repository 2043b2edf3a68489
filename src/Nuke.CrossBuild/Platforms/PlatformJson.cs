using System.Text.Json;
using System.Text.Json.Nodes;

namespace Nuke.CrossBuild.Platforms;

/// <summary>Writes platform facts as the JSON objects <c>crossbuild platform --json</c> prints.</summary>
public static class PlatformJson
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>Builds the JSON object for one platform (keys: platform, os, architecture, variant, go, uname, ..., qemu, qemuCpu, elf).</summary>
    /// <param name="info">The platform's facts.</param>
    /// <returns>The object.</returns>
    public static JsonObject ToNode(PlatformInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        var elf = info.Binary.Format == BinaryFormat.Elf
            ? new JsonObject
            {
                ["class"] = info.Binary.Class,
                ["endianness"] = info.Binary.Endianness == Endianness.Little ? "little" : "big",
                ["machine"] = info.Binary.Machine,
            }
            : null;
        return new JsonObject
        {
            ["platform"] = info.Platform.ToString(),
            ["os"] = info.Platform.Os,
            ["architecture"] = info.Platform.Architecture,
            ["variant"] = info.Platform.Variant,
            ["go"] = new JsonObject(info.Go.ToVariables().Select(v => new KeyValuePair<string, JsonNode?>(v.Key, v.Value))),
            ["uname"] = info.Uname,
            ["debianArch"] = info.DebianArch,
            ["alpineArch"] = info.AlpineArch,
            ["rhelArch"] = info.RhelArch,
            ["gnuTriple"] = info.GnuTriple,
            ["muslTriple"] = info.MuslTriple,
            ["rustTriple"] = info.RustTriple,
            ["dotnetRid"] = info.DotnetRid,
            ["qemu"] = info.Qemu,
            ["qemuCpu"] = info.QemuCpu,
            ["elf"] = elf,
        };
    }

    /// <summary>Writes one object for one platform, an array for several.</summary>
    /// <param name="infos">The platforms' facts.</param>
    /// <returns>Indented JSON.</returns>
    public static string ToJson(IReadOnlyList<PlatformInfo> infos)
    {
        ArgumentNullException.ThrowIfNull(infos);
        JsonNode node = infos.Count == 1 ? ToNode(infos[0]) : new JsonArray([.. infos.Select(ToNode)]);
        return node.ToJsonString(Indented);
    }
}
