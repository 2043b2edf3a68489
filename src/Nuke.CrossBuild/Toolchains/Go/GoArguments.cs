using System.Text;
using Nuke.CrossBuild.Platforms;

namespace Nuke.CrossBuild.Toolchains.Go;

/// <summary>Builds the <c>go build</c> invocation for one platform: a pure function of the settings, tested as text.</summary>
public static class GoArguments
{
    /// <summary>Builds the invocation.</summary>
    /// <param name="settings">The settings.</param>
    /// <param name="platform">The target.</param>
    /// <param name="name">The binary name.</param>
    /// <param name="toolchain">The C toolchain for cgo builds (null without cgo).</param>
    /// <param name="native">Whether the build host runs the target natively (the race detector needs it).</param>
    /// <param name="packagesAtOnce">The <c>-p</c> of this build (how many packages it compiles at once), or null for go's default (the cores); see <see cref="GoTasks.PackagesAtOnce"/>.</param>
    /// <returns>The invocation.</returns>
    /// <exception cref="CrossBuildException">The settings ask for something that cannot work on this platform.</exception>
    public static GoInvocation For(GoBuildSettings settings, Platform platform, string name, CToolchain? toolchain = null, bool native = false, int? packagesAtOnce = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(platform);
        if (settings.Cgo && toolchain is not { Found: true })
        {
            throw new CrossBuildException($"{platform}: cgo needs a C toolchain for the target: {toolchain?.Problem ?? "none given"}");
        }

        if (settings.Race && (!native || !settings.Cgo))
        {
            throw new CrossBuildException($"{platform}: -race needs cgo and a native build; it is off for cross builds (host {Platform.Host})");
        }

        var pie = settings.BuildMode == "pie";
        if (settings.Static && pie && !settings.Cgo)
        {
            throw new CrossBuildException($"{platform}: a -buildmode=pie binary without cgo has a dynamic loader; for a static PIE enable cgo (the recipe then links with -extldflags -static-pie)");
        }

        var env = new List<KeyValuePair<string, string>>(platform.Info.Go.ToVariables()) { new("CGO_ENABLED", settings.Cgo ? "1" : "0") };
        if (settings.Cgo)
        {
            env.AddRange(toolchain!.ToVariables());
        }

        env.AddRange(settings.Environment.OrderBy(e => e.Key, StringComparer.Ordinal));

        var tags = settings.Tags.ToList();
        var ldflags = settings.Ldflags.ToList();
        if (settings.Static && settings.Cgo)
        {
            // Go's own user and DNS lookups instead of glibc's NSS, which static glibc cannot load at run time.
            tags.AddRange(["osusergo", "netgo"]);
            ldflags.AddRange(["-linkmode", "external", "-extldflags", pie ? "-static-pie" : "-static"]);
        }

        if (settings.StripSymbols)
        {
            ldflags.AddRange(["-s", "-w"]);
        }

        var output = ExpandOutput(settings.Output, platform, name);
        var args = new List<string> { "build" };
        args.AddRange(packagesAtOnce is { } p ? ["-p", p.ToString(System.Globalization.CultureInfo.InvariantCulture)] : []);
        args.AddRange(settings.Trimpath ? ["-trimpath"] : []);
        args.AddRange(settings.BuildMode is { } mode ? [$"-buildmode={mode}"] : []);
        args.AddRange(settings.Race ? ["-race"] : []);
        args.AddRange(tags.Count > 0 ? ["-tags", string.Join(',', tags.Distinct())] : []);
        args.AddRange(ldflags.Count > 0 ? ["-ldflags", JoinLdflags(ldflags)] : []);
        args.AddRange(settings.Gcflags is { } gc ? ["-gcflags", gc] : []);
        args.AddRange(["-o", output, settings.Package]);
        return new GoInvocation(platform, env, args, output);
    }

    /// <summary>Expands an output pattern for a platform.</summary>
    /// <param name="pattern">For example <c>artifacts/bin/{os}_{arch}[_{variant}]/{name}[.exe]</c>.</param>
    /// <param name="platform">The target.</param>
    /// <param name="name">The binary name.</param>
    /// <returns>The path.</returns>
    public static string ExpandOutput(string pattern, Platform platform, string name)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        ArgumentNullException.ThrowIfNull(platform);
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["os"] = platform.Os, ["arch"] = platform.Architecture, ["variant"] = platform.Variant ?? string.Empty,
            ["platform"] = platform.ToSlug(), ["name"] = name,
        };
        var result = new StringBuilder();
        for (var i = 0; i < pattern.Length; i++)
        {
            if (pattern[i] == '[' && pattern.IndexOf(']', i) is > 0 and var end)
            {
                var group = pattern[(i + 1)..end];
                var hasPlaceholder = group.Contains('{', StringComparison.Ordinal);
                var expanded = Expand(group, values, out var allSet);
                // A group with placeholders stays when they are all set; one without (like [.exe]) only for windows.
                if (hasPlaceholder ? allSet : platform.Os == "windows")
                {
                    result.Append(expanded);
                }

                i = end;
            }
            else
            {
                var close = pattern[i] == '{' ? pattern.IndexOf('}', i) : -1;
                if (close > 0)
                {
                    result.Append(Expand(pattern[i..(close + 1)], values, out _));
                    i = close;
                }
                else
                {
                    result.Append(pattern[i]);
                }
            }
        }

        return result.ToString();
    }

    private static string Expand(string text, Dictionary<string, string> values, out bool allSet)
    {
        allSet = true;
        var result = new StringBuilder();
        for (var i = 0; i < text.Length; i++)
        {
            var close = text[i] == '{' ? text.IndexOf('}', i) : -1;
            if (close < 0)
            {
                result.Append(text[i]);
                continue;
            }

            var key = text[(i + 1)..close];
            var value = values.TryGetValue(key, out var v) ? v : throw new CrossBuildException($"unknown placeholder {{{key}}} in output pattern; expected {{os}}, {{arch}}, {{variant}}, {{platform}} or {{name}}");
            allSet &= value.Length > 0;
            result.Append(value);
            i = close;
        }

        return result.ToString();
    }

    // -extldflags takes one argument: quote it when it holds spaces, as go's flag parser expects.
    private static string JoinLdflags(List<string> flags)
    {
        var parts = new List<string>();
        for (var i = 0; i < flags.Count; i++)
        {
            parts.Add(flags[i]);
            if (flags[i] == "-extldflags" && i + 1 < flags.Count)
            {
                var value = flags[++i];
                parts.Add(value.Contains(' ', StringComparison.Ordinal) ? $"'{value}'" : value);
            }
        }

        return string.Join(' ', parts);
    }
}
