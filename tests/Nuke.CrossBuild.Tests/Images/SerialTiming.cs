namespace Nuke.CrossBuild.Tests.Images;

/// <summary>
/// Tests that measure time on loopback connections run alone: under the load of the parallel run, a stalled upload's
/// connection was seen reset by the server before the 1 s idle timer fired.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SerialTiming
{
    public const string Name = "timing";
}
