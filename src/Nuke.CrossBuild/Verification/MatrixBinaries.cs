using System.Collections;
using Nuke.CrossBuild.Platforms;

namespace Nuke.CrossBuild.Verification;

/// <summary>
/// The hand-over between the matrix and every step that takes its output (image assembly, releases, the NUKE components,
/// the Cake aliases), like GoReleaser's artifact list: the matrix's binaries, one per platform, located once by one rule
/// (the output pattern, see <see cref="Collect"/>) and each verified against its platform. Steps filter it, never re-find files.
/// </summary>
public sealed class MatrixBinaries : IReadOnlyList<MatrixBinary>
{
    private readonly IReadOnlyList<MatrixBinary> binaries;

    private MatrixBinaries(IReadOnlyList<MatrixBinary> binaries, bool requireStatic) => (this.binaries, RequireStatic) = (binaries, requireStatic);

    /// <summary>Gets whether each binary was checked for static linking.</summary>
    public bool RequireStatic { get; }

    /// <summary>Gets the platforms, in order.</summary>
    public IReadOnlyList<Platform> Platforms => [.. binaries.Select(b => b.Platform)];

    /// <summary>Gets every mismatch, <c>platform: problem</c>; empty when every binary is right.</summary>
    public IReadOnlyList<string> Problems => [.. binaries.SelectMany(b => b.Verification.Problems.Select(p => $"{b.Platform}: {p}"))];

    /// <summary>Gets whether every binary is right for its platform.</summary>
    public bool Ok => binaries.All(b => b.Verification.Ok);

    /// <inheritdoc/>
    public int Count => binaries.Count;

    /// <inheritdoc/>
    public MatrixBinary this[int index] => binaries[index];

    /// <summary>Locates the matrix's binaries and verifies each against its platform.</summary>
    /// <param name="pattern">The output pattern the matrix wrote them by (<c>go build -o</c>'s syntax).</param>
    /// <param name="name">The binary's name, or null for the one file in each platform's directory (the pattern ending in <c>/{name}</c>).</param>
    /// <param name="platforms">The platforms to take; <see cref="PlatformSelection.AsBuilt"/> for every platform whose place holds a binary.</param>
    /// <param name="requireStatic">Whether each binary must be statically linked.</param>
    /// <param name="sourceDirectory">The directory a relative pattern starts from, or null for the current one.</param>
    /// <returns>The binaries, verified (see <see cref="Ok"/>, <see cref="EnsureOk"/>).</returns>
    /// <exception cref="CrossBuildException">A selected platform has no binary (or several without a name), or none has one.</exception>
    public static MatrixBinaries Collect(string pattern, string? name, PlatformSelection platforms, bool requireStatic = false, string? sourceDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        ArgumentNullException.ThrowIfNull(platforms);
        var source = Path.GetFullPath(sourceDirectory ?? Directory.GetCurrentDirectory());
        var targets = platforms.IsAsBuilt ? OutputPlaces.Built(pattern, name, source) : platforms.Expand();
        return new([.. targets.Select(p => OutputPlaces.Find(pattern, name, source, p)).Zip(targets, (path, p) => Verify(p, path, requireStatic))], requireStatic);
    }

    /// <summary>Returns the binaries of the platforms selected (all of them for <see cref="PlatformSelection.AsBuilt"/>).</summary>
    /// <param name="platforms">The platforms.</param>
    /// <returns>The binaries, in the selection's order.</returns>
    /// <exception cref="BinaryNotFoundException">A selected platform is not in this list.</exception>
    public MatrixBinaries For(PlatformSelection platforms)
    {
        ArgumentNullException.ThrowIfNull(platforms);
        return platforms.IsAsBuilt ? this : new([.. platforms.Expand().Select(p => binaries.FirstOrDefault(b => b.Platform == p)
            ?? throw new BinaryNotFoundException($"{p}: expected one of the matrix's binaries ({string.Join(", ", Platforms)}), found none for it"))], RequireStatic);
    }

    /// <summary>Returns the binaries verified with <paramref name="requireStatic"/>: these when they were, else checked again.</summary>
    /// <param name="requireStatic">Whether each must be statically linked.</param>
    /// <returns>The binaries.</returns>
    public MatrixBinaries VerifiedFor(bool requireStatic) => requireStatic == RequireStatic ? this : new([.. binaries.Select(b => Verify(b.Platform, b.Path, requireStatic))], requireStatic);

    /// <summary>Returns these binaries when every one is right.</summary>
    /// <returns>This list.</returns>
    /// <exception cref="VerificationException">A binary is not for its platform (or not static when required).</exception>
    public MatrixBinaries EnsureOk() => Ok ? this : throw new VerificationException(Problems);

    /// <inheritdoc/>
    public IEnumerator<MatrixBinary> GetEnumerator() => binaries.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private static MatrixBinary Verify(Platform platform, string path, bool requireStatic)
        => new(platform, path, Path.GetFileName(path), BinaryVerifier.Verify(path, platform, requireStatic));
}
