using System.Text.Json;
using Nuke.Common.IO;

namespace Nuke.CrossBuild.Components;

/// <summary>
/// Where NUKE 10.1.0 takes a parameter's value from, first match wins (source/Nuke.Build/Execution/ParameterService.cs,
/// <c>GetParameter</c>): the command line (<c>--require-static</c>, <c>--RequireStatic</c>: dashes removed, case
/// ignored, the last occurrence), then an environment variable (the exact name, else any whose letters and digits
/// equal the name or <c>NUKE</c> + name, ignoring case: <c>PLATFORMS</c>, <c>REQUIRE_STATIC</c>), then the profiles
/// named by <c>--profile</c> and <c>.nuke/parameters.json</c> (ArgumentsFromParametersFileAttribute.cs). So an
/// environment variable named like a parameter wins over parameters.json. Used to refuse values NUKE only warns
/// about and to say where each effective value came from.
/// </summary>
public sealed class ParameterSources
{
    /// <summary>The source name of command-line values.</summary>
    public const string CommandLine = "command line";

    private readonly IReadOnlyList<string> arguments;
    private readonly IReadOnlyDictionary<string, string> environment;
    private readonly IReadOnlyList<(string File, JsonElement Json)> files;

    /// <summary>Creates the sources from explicit inputs.</summary>
    /// <param name="arguments">The build's arguments (without the program name).</param>
    /// <param name="environment">The environment variables.</param>
    /// <param name="parameterFiles">The parameters files by precedence (profiles first, then parameters.json); missing files are skipped.</param>
    /// <exception cref="SettingsException">A parameters file is not a JSON object.</exception>
    public ParameterSources(IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string> environment, IEnumerable<AbsolutePath> parameterFiles)
    {
        this.arguments = arguments;
        this.environment = environment;
        files = [.. parameterFiles.Where(f => File.Exists(f)).Select(f => (f.ToString(), Parse(f)))];
    }

    /// <summary>The sources of this process: its command line, its environment, and the root's .nuke parameters files.</summary>
    /// <param name="rootDirectory">The build's root directory.</param>
    /// <returns>The sources.</returns>
    public static ParameterSources FromProcess(AbsolutePath rootDirectory)
    {
        var arguments = Environment.GetCommandLineArgs().Skip(1).ToList();
        var environment = Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>()
            .ToDictionary(e => (string)e.Key, e => (string?)e.Value ?? string.Empty, StringComparer.Ordinal);
        var profiles = new ParameterSources(arguments, environment, []).Find("Profile")?.Values ?? [];
        var nuke = rootDirectory / ".nuke";
        return new ParameterSources(arguments, environment, [.. profiles.Reverse().Select(p => nuke / $"parameters.{p}.json"), nuke / "parameters.json"]);
    }

    /// <summary>Finds a parameter's raw value by NUKE's precedence.</summary>
    /// <param name="name">The member name (<c>RequireStatic</c>).</param>
    /// <returns>The value and its source, or null when no source sets it.</returns>
    public ParameterValue? Find(string name) => FromCommandLine(name) ?? FromEnvironment(name) ?? FromFiles(name);

    /// <summary>The command-line options (<c>--x</c>) that name none of the given parameters.</summary>
    /// <param name="declared">The member names of every parameter the build declares (NUKE's own included).</param>
    /// <returns>The unknown options as written, in order.</returns>
    public IReadOnlyList<string> UnknownOptions(IEnumerable<string> declared)
    {
        var names = declared.Select(MemberName).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return [.. arguments.Where(a => IsOption(a) && !names.Contains(MemberName(a)))];
    }

    private static bool IsOption(string argument) => argument.StartsWith('-');

    private static string MemberName(string name) => name.Replace("-", string.Empty, StringComparison.Ordinal);

    private static string Trimmed(string name) => new([.. name.Where(char.IsLetterOrDigit)]);

    private ParameterValue? FromCommandLine(string name)
    {
        var index = -1;
        for (var i = 0; i < arguments.Count; i++)
        {
            index = IsOption(arguments[i]) && MemberName(arguments[i]).Equals(MemberName(name), StringComparison.OrdinalIgnoreCase) ? i : index;
        }

        return index < 0 ? null : new ParameterValue(name, [.. arguments.Skip(index + 1).TakeWhile(a => !IsOption(a))], CommandLine);
    }

    private ParameterValue? FromEnvironment(string name)
    {
        var variable = name;
        if (!environment.TryGetValue(name, out var value))
        {
            var matches = environment.Where(e => Trimmed(e.Key).Equals(Trimmed(name), StringComparison.OrdinalIgnoreCase)
                || Trimmed(e.Key).Equals("NUKE" + Trimmed(name), StringComparison.OrdinalIgnoreCase)).ToList();
            if (matches.Count != 1)
            {
                return null;
            }

            (variable, value) = (matches[0].Key, matches[0].Value);
        }

        string[] values = string.IsNullOrWhiteSpace(value) ? [] : [value];
        return new ParameterValue(name, values, $"environment variable {variable}");
    }

    private ParameterValue? FromFiles(string name)
    {
        foreach (var (file, json) in files)
        {
            if (json.TryGetProperty(name, out var property))
            {
                IReadOnlyList<string> values = property.ValueKind == JsonValueKind.Array
                    ? [.. property.EnumerateArray().Select(Text)]
                    : [Text(property)];
                return new ParameterValue(name, values, Path.GetFileName(file));
            }
        }

        return null;
    }

    private static string Text(JsonElement element) => element.ValueKind == JsonValueKind.String ? element.GetString()! : element.GetRawText();

    private static JsonElement Parse(AbsolutePath file)
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(file));
            return document.RootElement.ValueKind == JsonValueKind.Object
                ? document.RootElement.Clone()
                : throw new SettingsException($"{file}: expected a JSON object, got {document.RootElement.ValueKind}");
        }
        catch (JsonException e)
        {
            throw new SettingsException($"{file}: expected JSON, got {e.Message}", e);
        }
    }
}
