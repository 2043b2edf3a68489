namespace Nuke.CrossBuild.Tests.Infra;

/// <summary>
/// Tests that assert the process-wide run temp directory holds nothing of theirs afterwards run alone: in the parallel
/// run another class's assembly has its own <c>assemble-*</c> work directory there at the same moment, which such an
/// assertion cannot tell apart from a leftover (seen as a failure that passed when the class ran by itself).
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessTemp
{
    public const string Name = "process-wide temp directory";
}
