using System.Text;

namespace Nuke.CrossBuild.Verification;

/// <summary>Parses Go's embedded build information (the <c>\xff Go buildinf:</c> blob that <c>go version -m</c> reads).</summary>
internal static class GoBuildInfoParser
{
    public const int MaxSize = 1024 * 1024;
    private const int HeaderSize = 32;
    private static readonly byte[] Magic = [0xff, .. " Go buildinf:"u8];

    /// <summary>Parses a blob that starts with the magic; null when it is not build info.</summary>
    public static GoBuildInfo? Parse(ReadOnlySpan<byte> data)
    {
        if (data.Length < HeaderSize || !data.StartsWith(Magic))
        {
            return null;
        }

        var flags = data[15];
        if ((flags & 2) == 0)
        {
            // Before Go 1.18 the strings were behind pointers; their content is not read here.
            return new GoBuildInfo { GoVersion = "go1.17 or older" };
        }

        var at = HeaderSize;
        var version = ReadString(data, ref at);
        var modinfo = ReadString(data, ref at);
        if (version is null)
        {
            return null;
        }

        return ParseModInfo(version, modinfo ?? string.Empty);
    }

    /// <summary>Finds and parses build info inside a data region (at 16-byte alignment, as Go places it).</summary>
    public static GoBuildInfo? Search(ReadOnlySpan<byte> region)
    {
        for (var at = 0; at + HeaderSize <= region.Length; at += 16)
        {
            if (region[at] == 0xff && region[at..].StartsWith(Magic))
            {
                return Parse(region[at..]);
            }
        }

        return null;
    }

    private static string? ReadString(ReadOnlySpan<byte> data, ref int at)
    {
        ulong length = 0;
        for (var shift = 0; ; shift += 7)
        {
            if (at >= data.Length || shift > 35)
            {
                return null;
            }

            var b = data[at++];
            length |= (ulong)(b & 0x7f) << shift;
            if ((b & 0x80) == 0)
            {
                break;
            }
        }

        if (length > (ulong)(data.Length - at))
        {
            return null;
        }

        var text = Encoding.UTF8.GetString(data.Slice(at, (int)length));
        at += (int)length;
        return text;
    }

    private static GoBuildInfo ParseModInfo(string version, string modinfo)
    {
        // The module text is wrapped in 16-byte sentinels.
        if (modinfo.Length >= 33 && modinfo[^17] == '\n')
        {
            modinfo = modinfo[16..^16];
        }

        string? path = null;
        var settings = new List<KeyValuePair<string, string>>();
        foreach (var line in modinfo.Split('\n'))
        {
            var parts = line.Split('\t');
            if (parts is ["path", var p, ..])
            {
                path = p;
            }
            else if (parts is ["build", var setting, ..] && setting.IndexOf('=', StringComparison.Ordinal) is > 0 and var eq)
            {
                settings.Add(new(Unquote(setting[..eq]), Unquote(setting[(eq + 1)..])));
            }
        }

        return new GoBuildInfo { GoVersion = version, Path = path, Settings = settings };
    }

    // Go quotes keys and values that hold spaces, quotes or '=' with strconv.Quote.
    private static string Unquote(string text)
    {
        if (text.Length < 2 || text[0] != '"' || text[^1] != '"')
        {
            return text;
        }

        var result = new StringBuilder();
        for (var i = 1; i < text.Length - 1; i++)
        {
            if (text[i] != '\\' || i + 1 >= text.Length - 1)
            {
                result.Append(text[i]);
                continue;
            }

            var c = text[++i];
            result.Append(c switch { 'n' => '\n', 't' => '\t', 'r' => '\r', _ => c });
        }

        return result.ToString();
    }
}
