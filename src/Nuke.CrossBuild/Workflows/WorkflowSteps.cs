using Nuke.CrossBuild.Binfmt;

namespace Nuke.CrossBuild.Workflows;

/// <summary>The steps the generated workflows share.</summary>
internal static partial class WorkflowSteps
{
    public const string NotPullRequest = "github.event_name != 'pull_request'";

    // No step pushes with git: the token is not left in .git/config, which sits inside the build context.
    public static YamlMap Checkout() => new() { { "name", "Checkout" }, { "uses", "actions/checkout@v6" }, { "with", new YamlMap { { "persist-credentials", false } } } };

    /// <summary>A build job's first steps: checkout, then .NET and the tool unless the action sets them up itself.</summary>
    public static List<YamlMap> Setup(WorkflowSettings s) => s.Action is null ? [Checkout(), DotNet(s), Tool(s)] : [Checkout()];

    public static YamlMap DotNet(WorkflowSettings s) => new()
    {
        { "name", "Set up .NET" }, { "uses", "actions/setup-dotnet@v5" }, { "with", new YamlMap { { "dotnet-version", s.DotNetVersion } } },
    };

    // User values reach run scripts only through env: (the shell reads "$X"; nothing is pasted into the script).
    public static YamlMap Tool(WorkflowSettings s)
    {
        var env = new YamlMap { { "TOOL_VERSION", s.ToolVersion } };
        if (s.ToolSource is not null)
        {
            env.Add("TOOL_SOURCE", s.ToolSource);
        }

        return new YamlMap
        {
            { "name", "Install crossbuild" },
            { "env", env },
            { "run", "dotnet tool install --global Nuke.CrossBuild.Tool --version \"$TOOL_VERSION\"" + (s.ToolSource is null ? string.Empty : " --add-source \"$TOOL_SOURCE\"") },
        };
    }

    /// <summary>The step environment carrying the user's values for the crossbuild command lines.</summary>
    public static YamlMap BuildEnv(WorkflowSettings s, string? platforms)
    {
        var env = new YamlMap { { "CONTEXT", s.Context } };
        if (platforms is not null)
        {
            env.Add("PLATFORMS", platforms);
        }

        if (s.File is not null)
        {
            env.Add("DOCKERFILE", s.File);
        }

        for (var i = 0; i < s.TagRules.Count; i++)
        {
            env.Add($"TAG_RULE_{i + 1}", s.TagRules[i]);
        }

        return env;
    }

    // binfmt is pinned by digest, never :latest (QEMU regressions have broken builds).
    public static YamlMap Qemu(string platforms, string? condition = null)
    {
        var step = new YamlMap { { "name", "Set up QEMU (only the emulated platforms)" } };
        if (condition is not null)
        {
            step.Add("if", condition);
        }

        step.Add("uses", "docker/setup-qemu-action@v4");
        step.Add("with", new YamlMap { { "platforms", platforms }, { "image", EmulatorTasks.PinnedBinfmtImage } });
        return step;
    }

    // buildx's gha cache backend needs the runner's cache service URL and token, which only actions see: this exposes
    // them to the run steps (buildx's documented way to use type=gha outside docker/build-push-action).
    public static YamlMap CacheRuntime() => new() { { "name", "Expose the Actions cache service to buildx" }, { "uses", "crazy-max/ghaction-github-runtime@v3" } };

    /// <summary>The BuildKit cache options: the GitHub Actions cache, one scope per platform in a split build.</summary>
    public static string CacheOptions(string scope) => $" --cache-from type=gha,scope={scope} --cache-to type=gha,scope={scope},mode=max";

    /// <summary>Provenance (all build steps) and SBOM attestations, on pushed images only; the verifier reports them and checks the images.</summary>
    public const string AttestationOptions = " --provenance mode=max --sbom";

    public static YamlMap Buildx() => new()
    {
        { "name", "Set up buildx" }, { "uses", "docker/setup-buildx-action@v4" }, { "with", new YamlMap { { "name", "crossbuild" } } },
    };

    // Credentials go to docker/login-action through secrets, never onto a command line.
    public static YamlMap Login(string image)
    {
        var host = image.Split('/')[0];
        var registry = host.Contains('.', StringComparison.Ordinal) || host.Contains(':', StringComparison.Ordinal) || host == "localhost" ? host : "docker.io";
        var github = registry == "ghcr.io";
        return new YamlMap
        {
            { "name", "Log in to " + registry }, { "if", NotPullRequest }, { "uses", "docker/login-action@v3" },
            {
                "with", new YamlMap
                {
                    { "registry", registry },
                    { "username", github ? "${{ github.actor }}" : "${{ secrets.REGISTRY_USERNAME }}" },
                    { "password", github ? "${{ secrets.GITHUB_TOKEN }}" : "${{ secrets.REGISTRY_PASSWORD }}" },
                }
            },
        };
    }

    public static string CommonOptions(WorkflowSettings s) => string.Concat(
        s.File is null ? string.Empty : " --file \"$DOCKERFILE\"",
        " --driver docker-container",
        s.RequireStatic ? " --static" : string.Empty);

    /// <summary>
    /// The build step as the crossbuild GitHub Action: the same values through its inputs (an action's <c>with:</c> is
    /// data, not a script); pull requests build and verify, other events push (by digest when <paramref name="digestFile"/> is set).
    /// </summary>
    public static YamlMap ActionStep(WorkflowSettings s, string name, string platforms, string cacheScope, string? digestFile)
    {
        var with = new YamlMap { { "platforms", platforms }, { "image", "${{ env.IMAGE }}" }, { "context", s.Context } };
        if (s.File is not null)
        {
            with.Add("file", s.File);
        }

        with.Add("push", "${{ " + NotPullRequest + " }}");
        if (digestFile is not null)
        {
            with.Add("digest-file", digestFile);
        }

        if (s.RequireStatic)
        {
            with.Add("static", "true");
        }

        if (s.Smoke)
        {
            with.Add("smoke", "true");
        }

        if (s.TagRules.Count > 0)
        {
            with.Add("tag-rules", string.Join('\n', s.TagRules) + "\n");
        }

        with.Add("cache-scope", cacheScope);
        with.Add("tool-version", s.ToolVersion);
        if (s.ToolSource is not null)
        {
            with.Add("tool-source", s.ToolSource);
        }

        with.Add("dotnet-version", s.DotNetVersion);
        return new YamlMap { { "name", name }, { "id", "image" }, { "uses", s.Action! }, { "with", with } };
    }

    public static string TagRuleOptions(WorkflowSettings s) => string.Concat(Enumerable.Range(1, s.TagRules.Count).Select(i => $" --tag-rule \"$TAG_RULE_{i}\""));

    /// <summary>Refuses values that would break out of their YAML scalar or their line (line breaks of any kind and other control or format characters).</summary>
    public static void Validate(WorkflowSettings s)
    {
        var values = new List<(string Option, string? Value)> { ("--name", s.Name), ("--image", s.Image), ("--context", s.Context), ("--file", s.File), ("--tool-version", s.ToolVersion), ("--tool-source", s.ToolSource), ("dotnet version", s.DotNetVersion) };
        values.Add(("--use-action", s.Action));
        values.AddRange(s.Platforms.Select(p => ("--platforms", (string?)p)));
        values.AddRange(s.Branches.Select(b => ("--branch", (string?)b)));
        values.AddRange(s.TagPatterns.Select(t => ("--tag-pattern", (string?)t)));
        values.AddRange(s.TagRules.Select(r => ("--tag-rule", (string?)r)));
        foreach (var (option, value) in values)
        {
            // Line breaks of every kind (CR, LF, NEL, U+2028, U+2029: YAML and GitHub's parser honour them all) and other non-printables.
            if (value is not null && Internal.LogText.HasUnsafe(value))
            {
                throw new SettingsException($"workflow value {option} must be one line without control characters, got '{Internal.LogText.Escape(value)}'", option);
            }
        }

        if (s.Action is { } action && !ActionReference().IsMatch(action))
        {
            throw new SettingsException($"invalid --use-action '{action}': expected owner/repo@ref (e.g. acme/crossbuild@v0), owner/repo/path@ref or a local ./path", "--use-action");
        }
    }

    // uses: syntax for an action in a repository (optionally a folder of it) at a ref, or a local folder.
    [System.Text.RegularExpressions.GeneratedRegex(@"^(\./[A-Za-z0-9._/-]*|[A-Za-z0-9-]+/[A-Za-z0-9._-]+(/[A-Za-z0-9._/-]+)?@[A-Za-z0-9._/-]+)$")]
    private static partial System.Text.RegularExpressions.Regex ActionReference();
}
