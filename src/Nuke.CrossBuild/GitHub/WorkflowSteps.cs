using Nuke.CrossBuild.Binfmt;

namespace Nuke.CrossBuild.GitHub;

/// <summary>The steps the generated workflows share.</summary>
internal static class WorkflowSteps
{
    public const string NotPullRequest = "github.event_name != 'pull_request'";

    public static YamlMap Checkout() => new() { { "name", "Checkout" }, { "uses", "actions/checkout@v6" } };

    public static YamlMap DotNet(WorkflowSettings s) => new()
    {
        { "name", "Set up .NET" }, { "uses", "actions/setup-dotnet@v5" }, { "with", new YamlMap { { "dotnet-version", s.DotNetVersion } } },
    };

    public static YamlMap Tool(WorkflowSettings s) => new()
    {
        { "name", "Install crossbuild" },
        { "run", $"dotnet tool install --global Nuke.CrossBuild.Tool --version {s.ToolVersion}{(s.ToolSource is null ? string.Empty : $" --add-source {s.ToolSource}")}" },
    };

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
        s.File is null ? string.Empty : $" --file {s.File}",
        " --driver docker-container",
        s.RequireStatic ? " --static" : string.Empty);

    // Shell-quoted: rules hold {{ }} and commas.
    public static string TagRuleOptions(WorkflowSettings s) => string.Concat(s.TagRules.Select(r => $" --tag-rule '{r.Replace("'", "'\\''", StringComparison.Ordinal)}'"));
}
