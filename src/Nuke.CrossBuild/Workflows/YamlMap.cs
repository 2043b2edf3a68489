namespace Nuke.CrossBuild.Workflows;

/// <summary>An ordered YAML mapping for the workflow writer (keys keep their insertion order).</summary>
internal sealed class YamlMap : List<KeyValuePair<string, object>>
{
    public void Add(string key, object value) => Add(new KeyValuePair<string, object>(key, value));
}
