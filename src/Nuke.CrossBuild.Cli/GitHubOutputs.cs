namespace Nuke.CrossBuild.Cli;

/// <summary>Writes step outputs and the job summary when crossbuild runs as a GitHub Actions step.</summary>
internal static class GitHubOutputs
{
    /// <summary>Appends <c>name=value</c> lines to <c>$GITHUB_OUTPUT</c>, when it is set.</summary>
    public static void Write(params (string Name, string Value)[] outputs)
    {
        if (Environment.GetEnvironmentVariable("GITHUB_OUTPUT") is not { Length: > 0 } file)
        {
            return;
        }

        foreach (var (name, value) in outputs)
        {
            var delimiter = $"crossbuild_{Guid.NewGuid():n}";
            File.AppendAllText(file, value.Contains('\n', StringComparison.Ordinal) || value.Contains('\r', StringComparison.Ordinal) ? $"{name}<<{delimiter}\n{value}\n{delimiter}\n" : $"{name}={value}\n");
        }
    }

    /// <summary>The variables whose values are secrets: never printed, and masked in the Actions log.</summary>
    public static readonly string[] SecretVariables = [Registry.RegistryCredentials.PasswordVariable, GitHub.GitHubRepositoryInfo.TokenVariable];

    /// <summary>
    /// When running in GitHub Actions, asks the runner to mask every secret value crossbuild can read (written before
    /// anything else, so no later line can show one). Written to standard error, which the runner reads for workflow
    /// commands too, so standard output stays clean for <c>--json</c>.
    /// </summary>
    public static void MaskSecrets(TextWriter writer, Func<string, string?>? getVariable = null)
    {
        getVariable ??= Environment.GetEnvironmentVariable;
        if (getVariable("GITHUB_ACTIONS") != "true")
        {
            return;
        }

        foreach (var name in SecretVariables)
        {
            if (getVariable(name) is { Length: > 0 } secret)
            {
                Mask(writer, secret);
            }
        }
    }

    /// <summary>Masks one secret in the runner's log: the whole value, then each line (a log line shows one line of a multi-line secret).</summary>
    public static void Mask(TextWriter writer, string secret)
    {
        foreach (var value in new[] { secret }.Concat(secret.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r'))).Where(v => v.Length > 0).Distinct())
        {
            writer.WriteLine($"::add-mask::{EscapeData(value)}");
        }
    }

    /// <summary>Escapes a workflow command's data as the runner unescapes it: <c>%</c>, CR and LF become <c>%25</c>, <c>%0D</c>, <c>%0A</c>.</summary>
    public static string EscapeData(string value) => value.Replace("%", "%25", StringComparison.Ordinal).Replace("\r", "%0D", StringComparison.Ordinal).Replace("\n", "%0A", StringComparison.Ordinal);

    /// <summary>Appends a Markdown table to <c>$GITHUB_STEP_SUMMARY</c>, when it is set.</summary>
    public static void Summary(Reports.SummaryTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        if (Environment.GetEnvironmentVariable("GITHUB_STEP_SUMMARY") is { Length: > 0 } file)
        {
            File.AppendAllText(file, table.ToMarkdown() + "\n");
        }
    }
}
