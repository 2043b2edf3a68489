namespace Nuke.CrossBuild.Tests.Faults;

/// <summary>The fault tests stop the engine, kill registries and unregister emulators: they run alone, after every other collection.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RunsAlone
{
    public const string Name = "faults";
}
