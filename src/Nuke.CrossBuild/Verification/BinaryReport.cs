using Nuke.CrossBuild.Platforms;

namespace Nuke.CrossBuild.Verification;

/// <summary>What a binary's headers say: format, OS, architecture, linking, ARM details and Go build information.</summary>
public sealed record BinaryReport
{
    /// <summary>Gets the file that was read.</summary>
    public required string File { get; init; }

    /// <summary>Gets why the file could not be read as a binary (missing, not a binary, corrupt), or null when it was.</summary>
    public string? Error { get; init; }

    /// <summary>Gets the format, or null when the file is not a binary.</summary>
    public BinaryFormat? Format { get; init; }

    /// <summary>Gets the OS the headers indicate (<c>linux</c>, <c>freebsd</c>, <c>windows</c>, <c>darwin</c>).</summary>
    public string? Os { get; init; }

    /// <summary>Gets the identity (class, byte order, machine) the headers carry.</summary>
    public BinaryIdentity? Identity { get; init; }

    /// <summary>Gets the file type, e.g. <c>executable</c>, <c>pie executable</c>, <c>shared object</c>.</summary>
    public string? Kind { get; init; }

    /// <summary>Gets whether the binary runs without a dynamic loader (no interpreter, no needed libraries; static-pie counts), or null where that does not apply.</summary>
    public bool? IsStatic { get; init; }

    /// <summary>Gets the program interpreter (e.g. <c>/lib/ld-musl-aarch64.so.1</c>), or null.</summary>
    public string? Interpreter { get; init; }

    /// <summary>Gets the shared libraries the binary needs (<c>DT_NEEDED</c>, Mach-O dylibs).</summary>
    public IReadOnlyList<string> Needed { get; init; } = [];

    /// <summary>Gets the ARM float ABI (<c>hard</c> or <c>soft</c>) from the ELF flags or attributes, or null.</summary>
    public string? ArmFloatAbi { get; init; }

    /// <summary>Gets the ARM architecture level the code needs: from <c>.ARM.attributes</c> Tag_CPU_arch, else the Go build's GOARM.</summary>
    public int? ArmLevel { get; init; }

    /// <summary>Gets the Go build information, or null for a non-Go binary.</summary>
    public GoBuildInfo? Go { get; init; }

    /// <summary>Gets the architectures of a universal (fat) Mach-O binary; empty for other files.</summary>
    public IReadOnlyList<BinaryIdentity> FatSlices { get; init; } = [];

    /// <summary>Gets each slice of a universal (fat) Mach-O binary as its own report (its Go build info included); empty for other files.</summary>
    public IReadOnlyList<BinaryReport> Slices { get; init; } = [];

    /// <summary>Gets the machine's name as <c>file</c> prints it, e.g. <c>ARM aarch64</c>.</summary>
    public string? MachineName => Identity is null ? null : MachineNames.Describe(Identity);

    /// <summary>Returns a one-line description in <c>file</c>'s manner.</summary>
    /// <returns>For example <c>ELF 64-bit LSB executable, ARM aarch64, statically linked, Go go1.23.5 GOARCH=arm64</c>.</returns>
    public override string ToString()
    {
        if (Error is not null || Identity is null)
        {
            return Error ?? "not a binary";
        }

        var parts = new List<string> { $"{BinaryIdentity.FormatName(Identity.Format)} {Identity.Class}-bit {(Identity.Endianness == Endianness.Little ? "LSB" : "MSB")} {Kind}", MachineName! };
        if (ArmLevel is { } level)
        {
            parts.Add($"ARMv{level}{(ArmFloatAbi is null ? string.Empty : $" {ArmFloatAbi}-float")}");
        }

        if (IsStatic is { } isStatic)
        {
            parts.Add(isStatic ? "statically linked" : $"dynamically linked{(Interpreter is null ? string.Empty : $", interpreter {Interpreter}")}");
        }

        if (Go is not null)
        {
            parts.Add($"Go {Go.GoVersion}{(Go.Goos is null ? string.Empty : $" {Go.Goos}/{Go.Goarch}")}");
        }

        return string.Join(", ", parts);
    }
}
