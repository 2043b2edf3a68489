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
            throw new ToolchainException($"{platform}: cgo needs a C toolchain for the target: {toolchain?.Problem ?? "none given"}");
        }

        if (settings.Race && (!native || !settings.Cgo))
        {
            throw new InputException($"{platform}: -race needs cgo and a native build; it is off for cross builds (host {Platform.Host})");
        }

        var pie = settings.BuildMode == "pie";
        if (settings.Static && pie && !settings.Cgo)
        {
            throw new InputException($"{platform}: a -buildmode=pie binary without cgo has a dynamic loader; for a static PIE enable cgo (the recipe then links with -extldflags -static-pie)");
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

        var output = OutputPattern.Expand(settings.Output, platform, name);
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
