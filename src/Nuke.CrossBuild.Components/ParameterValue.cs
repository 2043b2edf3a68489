namespace Nuke.CrossBuild.Components;

/// <summary>A parameter's raw value as NUKE would read it, and where it came from.</summary>
/// <param name="name">The parameter's member name (e.g. <c>RequireStatic</c>).</param>
/// <param name="values">The raw values (none for a bare <c>--switch</c>).</param>
/// <param name="source">Where they came from: <c>command line</c>, <c>environment variable NAME</c> or the parameters file's name.</param>
public sealed class ParameterValue(string name, IReadOnlyList<string> values, string source)
{
    /// <summary>Gets the parameter's member name.</summary>
    public string Name { get; } = name;

    /// <summary>Gets the raw values (none for a bare switch).</summary>
    public IReadOnlyList<string> Values { get; } = values;

    /// <summary>Gets where the values came from.</summary>
    public string Source { get; } = source;

    /// <summary>Gets whether the value came from the command line (where a bare switch means true).</summary>
    public bool IsCommandLine => Source == ParameterSources.CommandLine;

    /// <summary>Reads the value as a boolean, the way NUKE's parameters do, but refusing what NUKE would only warn about.</summary>
    /// <param name="dashedName">The parameter as the user writes it (<c>require-static</c>), for the message.</param>
    /// <returns>The boolean: a bare command-line switch is true, no value elsewhere false.</returns>
    /// <exception cref="SettingsException">The value is not <c>true</c> or <c>false</c> (ignoring case), or there are several.</exception>
    public bool ToBoolean(string dashedName)
    {
        if (Values.Count == 0)
        {
            return IsCommandLine;
        }

        if (Values.Count == 1 && bool.TryParse(Values[0].Trim(), out var value))
        {
            return value;
        }

        throw new SettingsException($"--{dashedName}: expected true or false, got '{string.Join(' ', Values)}' ({Source})", $"--{dashedName}");
    }
}
