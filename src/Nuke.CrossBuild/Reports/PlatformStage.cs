namespace Nuke.CrossBuild.Reports;

/// <summary>Where one platform of a matrix run is.</summary>
public enum PlatformStage
{
    /// <summary>Waiting for a free slot.</summary>
    Waiting,

    /// <summary>Compiling and linking.</summary>
    Building,

    /// <summary>Checking the binary against its platform.</summary>
    Verifying,

    /// <summary>Running the binary once (natively or under QEMU).</summary>
    Smoke,

    /// <summary>Finished and good.</summary>
    Done,

    /// <summary>Finished with a failure.</summary>
    Failed,

    /// <summary>Not finished: stopped after another platform failed, or by Ctrl+C.</summary>
    Cancelled,
}
