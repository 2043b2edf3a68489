namespace Nuke.CrossBuild.Buildx;

/// <summary>Pure argument builders for <c>docker buildx</c>: settings in, argument list out, tested as text.</summary>
public static class BuildxArguments
{
    /// <summary>Builds the arguments of <c>docker buildx build</c>.</summary>
    /// <param name="settings">The settings.</param>
    /// <returns>The arguments after <c>docker</c>.</returns>
    public static IReadOnlyList<string> Build(BuildxBuildSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var args = new List<string> { "buildx", "build" };
        void Opt(string flag, string? value)
        {
            if (value is not null)
            {
                args.AddRange([flag, value]);
            }
        }

        void Many(string flag, IEnumerable<string> values)
        {
            foreach (var value in values)
            {
                args.AddRange([flag, value]);
            }
        }

        Opt("--builder", settings.Builder);
        Opt("--file", settings.File);
        Opt("--target", settings.Target);
        Opt("--platform", settings.Platforms.Count > 0 ? string.Join(',', settings.Platforms) : null);
        Many("--tag", settings.Tags);
        Many("--build-arg", settings.BuildArgs.Select(a => $"{a.Key}={a.Value}"));
        Many("--build-context", settings.BuildContexts.Select(a => $"{a.Key}={a.Value}"));
        Many("--label", settings.Labels.Select(a => $"{a.Key}={a.Value}"));
        Many("--annotation", settings.Annotations.Select(a => $"{a.Key}={a.Value}"));
        Many("--output", settings.Outputs.Select(o => o.ToString()));
        args.AddRange(settings.Push ? ["--push"] : []);
        args.AddRange(settings.Load ? ["--load"] : []);
        Many("--cache-from", settings.CacheFrom.Select(c => c.ToString()));
        Many("--cache-to", settings.CacheTo.Select(c => c.ToString()));
        Many("--secret", settings.Secrets);
        Many("--ssh", settings.Ssh);
        Many("--attest", settings.Attests);
        args.AddRange(settings.Provenance is { } provenance ? [$"--provenance={provenance}"] : []);
        args.AddRange(settings.Sbom is { } sbom ? [$"--sbom={sbom}"] : []);
        args.AddRange(settings.NoCache ? ["--no-cache"] : []);
        Many("--no-cache-filter", settings.NoCacheFilter);
        args.AddRange(settings.Pull ? ["--pull"] : []);
        Opt("--progress", settings.Progress);
        Opt("--metadata-file", settings.MetadataFile);
        Opt("--network", settings.Network);
        Many("--allow", settings.Allow);
        args.Add(settings.Context);
        return args;
    }

    /// <summary>Builds the arguments of <c>docker buildx bake</c> for a rendered bake file.</summary>
    /// <param name="settings">The settings.</param>
    /// <param name="file">The bake file (<see cref="BakeFile.Render"/>'s text, written out).</param>
    /// <param name="print">Whether bake only prints the resolved definition (<c>--print</c>).</param>
    /// <returns>The arguments after <c>docker</c>.</returns>
    public static IReadOnlyList<string> Bake(BakeSettings settings, string file, bool print = false)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var args = new List<string> { "buildx", "bake", "--file", file };
        args.AddRange(settings.Builder is { } builder ? ["--builder", builder] : []);
        args.AddRange(print ? ["--print"] : []);
        args.AddRange(settings.Push ? ["--push"] : []);
        args.AddRange(settings.Load ? ["--load"] : []);
        args.AddRange(settings.Progress is { } progress ? ["--progress", progress] : []);
        args.AddRange(settings.MetadataFile is { } metadata ? ["--metadata-file", metadata] : []);
        // The names come last, after "--", so a name can never be read as a flag (BakeFile also refuses such names).
        args.AddRange(settings.Build.Count > 0 ? ["--", .. settings.Build.Select(BakeFile.ValidName)] : []);
        return args;
    }

    /// <summary>Builds the arguments of <c>docker buildx create</c>.</summary>
    /// <param name="settings">The settings.</param>
    /// <returns>The arguments after <c>docker</c>.</returns>
    public static IReadOnlyList<string> Create(BuildxCreateSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var args = new List<string> { "buildx", "create" };
        args.AddRange(settings.Name is { } name ? ["--name", name] : []);
        args.AddRange(settings.Append ? ["--append"] : []);
        args.AddRange(settings.Node is { } node ? ["--node", node] : []);
        args.AddRange(settings.Driver is { } driver ? ["--driver", driver] : []);
        foreach (var opt in settings.DriverOptions)
        {
            args.AddRange(["--driver-opt", $"{opt.Key}={opt.Value}"]);
        }

        args.AddRange(settings.Platforms.Count > 0 ? ["--platform", string.Join(',', settings.Platforms)] : []);
        args.AddRange(settings.BuildkitdFlags is { } flags ? ["--buildkitd-flags", flags] : []);
        args.AddRange(settings.BuildkitdConfig is { } config ? ["--buildkitd-config", config] : []);
        args.AddRange(settings.Bootstrap ? ["--bootstrap"] : []);
        args.AddRange(settings.Use ? ["--use"] : []);
        args.AddRange(settings.Timeout is { } timeout ? ["--timeout", $"{(int)timeout.TotalSeconds}s"] : []);
        args.AddRange(settings.Endpoint is { } endpoint ? [endpoint] : []);
        return args;
    }

    /// <summary>Builds the arguments of <c>docker buildx imagetools create</c>: merges per-platform digests into one index.</summary>
    /// <param name="settings">The settings.</param>
    /// <returns>The arguments after <c>docker</c>.</returns>
    public static IReadOnlyList<string> ImagetoolsCreate(ImagetoolsCreateSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var args = new List<string> { "buildx", "imagetools", "create" };
        args.AddRange(settings.Builder is { } builder ? ["--builder", builder] : []);
        foreach (var tag in settings.Tags)
        {
            args.AddRange(["--tag", tag]);
        }

        foreach (var annotation in settings.Annotations)
        {
            args.AddRange(["--annotation", $"{annotation.Key}={annotation.Value}"]);
        }

        args.AddRange(settings.Platforms.Count > 0 ? ["--platform", string.Join(',', settings.Platforms)] : []);
        args.AddRange(settings.Append ? ["--append"] : []);
        args.AddRange(settings.DryRun ? ["--dry-run"] : []);
        args.AddRange(settings.MetadataFile is { } metadata ? ["--metadata-file", metadata] : []);
        args.AddRange(settings.Sources);
        return args;
    }

    /// <summary>Builds the arguments of <c>docker buildx imagetools inspect --raw</c>.</summary>
    /// <param name="reference">The image.</param>
    /// <returns>The arguments after <c>docker</c>.</returns>
    public static IReadOnlyList<string> ImagetoolsInspectRaw(string reference) => ["buildx", "imagetools", "inspect", "--raw", reference];

    /// <summary>Builds the arguments of <c>docker buildx ls --format json</c>.</summary>
    /// <returns>The arguments after <c>docker</c>.</returns>
    public static IReadOnlyList<string> List() => ["buildx", "ls", "--format", "json"];

    /// <summary>Builds the arguments of <c>docker buildx rm</c>.</summary>
    /// <param name="name">The builder.</param>
    /// <returns>The arguments after <c>docker</c>.</returns>
    public static IReadOnlyList<string> Remove(string name) => ["buildx", "rm", name];

    /// <summary>Builds the arguments of <c>docker buildx use</c>.</summary>
    /// <param name="name">The builder.</param>
    /// <returns>The arguments after <c>docker</c>.</returns>
    public static IReadOnlyList<string> Use(string name) => ["buildx", "use", name];

    /// <summary>Builds the arguments of <c>docker buildx inspect [--bootstrap]</c>.</summary>
    /// <param name="name">The builder.</param>
    /// <param name="bootstrap">Whether to start it.</param>
    /// <returns>The arguments after <c>docker</c>.</returns>
    public static IReadOnlyList<string> Inspect(string name, bool bootstrap = false) => ["buildx", "inspect", .. bootstrap ? new[] { "--bootstrap" } : [], name];
}
