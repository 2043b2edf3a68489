using Nuke.CrossBuild.Platforms;

namespace Nuke.CrossBuild.Verification;

/// <summary>
/// Checks binaries against the platform they were built for: format and OS, class, byte order and machine,
/// ARM level (the Raspberry Pi SIGILL bug), Go's recorded GOOS/GOARCH/GOAMD64, and static linking when asked.
/// </summary>
public static class BinaryVerifier
{
    /// <summary>Inspects and checks a file.</summary>
    /// <param name="path">The binary.</param>
    /// <param name="expected">The platform it must run on.</param>
    /// <param name="requireStatic">Whether it must be statically linked (applies to linux and freebsd, as in xx-verify).</param>
    /// <returns>The outcome.</returns>
    public static BinaryVerification Verify(string path, Platform expected, bool requireStatic = false)
        => Verify(BinaryInspector.Inspect(path), expected, requireStatic);

    /// <summary>Checks an inspected binary.</summary>
    /// <param name="report">The inspection report.</param>
    /// <param name="expected">The platform it must run on.</param>
    /// <param name="requireStatic">Whether it must be statically linked.</param>
    /// <returns>The outcome.</returns>
    public static BinaryVerification Verify(BinaryReport report, Platform expected, bool requireStatic = false)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(expected);
        return new BinaryVerification(report, expected, requireStatic, [.. Problems(report, expected, requireStatic)]);
    }

    /// <summary>Checks files and throws when any does not match.</summary>
    /// <param name="paths">The binaries.</param>
    /// <param name="expected">The platform they must run on.</param>
    /// <param name="requireStatic">Whether they must be statically linked.</param>
    /// <returns>The outcomes, all OK.</returns>
    /// <exception cref="VerificationException">Some file does not match; the message lists every problem.</exception>
    public static IReadOnlyList<BinaryVerification> EnsureVerified(IEnumerable<string> paths, Platform expected, bool requireStatic = false)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var results = paths.Select(p => Verify(p, expected, requireStatic)).ToList();
        var problems = results.SelectMany(r => r.Problems).ToList();
        return problems.Count > 0 ? throw new VerificationException(problems) : results;
    }

    private static IEnumerable<string> Problems(BinaryReport report, Platform expected, bool requireStatic)
    {
        var file = report.File;
        var info = expected.Info;
        if (report.Error is not null || report.Identity is null)
        {
            yield return $"file {file} is not a {expected} binary: {report.Error ?? "unreadable"}";
            yield break;
        }

        if (report.Format != info.Binary.Format || report.Os != expected.Os)
        {
            yield return $"file {file} does not match expected target os {expected.Os}: expected {BinaryIdentity.FormatName(info.Binary.Format)} for {expected.Os}, got {report}";
            yield break;
        }

        var identities = report.FatSlices.Count > 0 ? report.FatSlices : [report.Identity];
        if (!identities.Contains(info.Binary))
        {
            yield return $"file {file} does not match expected target architecture {expected.Architecture}: expected {Describe(info.Binary)}, got {report}";
            yield break;
        }

        // A universal binary runs the slice of the machine: that slice, with its own Go build info, is what must match.
        if (report.Slices.FirstOrDefault(s => s.Identity == info.Binary) is { } slice)
        {
            foreach (var problem in Problems(slice with { File = $"{file} ({MachineNames.Describe(slice.Identity!)} slice)" }, expected, requireStatic))
            {
                yield return problem;
            }

            yield break;
        }

        if (info.ArmLevel is { } platformLevel && report.ArmLevel is { } binaryLevel && binaryLevel > platformLevel)
        {
            yield return $"file {file} needs ARMv{binaryLevel} but {expected} guarantees only ARMv{platformLevel} (it would die with SIGILL; build with GOARM={info.Go.Goarm} or -march=armv{platformLevel}): {report}";
        }

        if (info.ArmLevel >= 7 && report.Interpreter is not null && report.ArmFloatAbi == "soft")
        {
            yield return $"file {file} uses the soft-float ABI but {expected} ({info.DebianArch}) loads hard-float binaries: {report}";
        }

        if (report.Go is { Goos: { } goos, Goarch: { } goarch } go && (goos != info.Go.Goos || goarch != info.Go.Goarch))
        {
            yield return $"file {file} was built with GOOS={goos} GOARCH={goarch} but {expected} needs GOOS={info.Go.Goos} GOARCH={info.Go.Goarch}: {report}";
        }

        if (report.Go?.Setting("GOAMD64") is { } goamd64 && info.Go.Goamd64 is { } level && string.CompareOrdinal(goamd64, level) > 0)
        {
            yield return $"file {file} was built with GOAMD64={goamd64} but {expected} guarantees only {level}: {report}";
        }

        if (requireStatic && expected.Os is "linux" or "freebsd" && report.IsStatic != true)
        {
            yield return $"file {file} is not statically linked: {report}";
        }
    }

    private static string Describe(BinaryIdentity identity)
        => $"{BinaryIdentity.FormatName(identity.Format)} {identity.Class}-bit {(identity.Endianness == Endianness.Little ? "LSB" : "MSB")} {MachineNames.Describe(identity)}";
}
