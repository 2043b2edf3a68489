namespace Nuke.CrossBuild.Platforms;

/// <summary>The Go environment variables that select a target platform; only the ones that apply are set.</summary>
public sealed record GoEnvironment
{
    /// <summary>Gets <c>GOOS</c>.</summary>
    public required string Goos { get; init; }

    /// <summary>Gets <c>GOARCH</c>.</summary>
    public required string Goarch { get; init; }

    /// <summary>Gets <c>GOARM</c> (5, 6 or 7) for 32-bit ARM; Go's cross-compile default of 7 is never relied on.</summary>
    public string? Goarm { get; init; }

    /// <summary>Gets <c>GOAMD64</c> (v1 to v4) for amd64.</summary>
    public string? Goamd64 { get; init; }

    /// <summary>Gets <c>GO386</c> (sse2) for 386.</summary>
    public string? Go386 { get; init; }

    /// <summary>Gets <c>GOARM64</c> (v8.0) for arm64.</summary>
    public string? Goarm64 { get; init; }

    /// <summary>Gets <c>GOPPC64</c> (power8) for ppc64le.</summary>
    public string? Goppc64 { get; init; }

    /// <summary>Gets <c>GORISCV64</c> (rva20u64) for riscv64.</summary>
    public string? Goriscv64 { get; init; }

    /// <summary>Gets <c>GOMIPS</c> (hardfloat or softfloat) for mips and mipsle.</summary>
    public string? Gomips { get; init; }

    /// <summary>Gets <c>GOMIPS64</c> (hardfloat or softfloat) for mips64 and mips64le.</summary>
    public string? Gomips64 { get; init; }

    /// <summary>Returns the variables that apply, in a stable order, as name/value pairs.</summary>
    /// <returns>The variables, <c>GOOS</c> and <c>GOARCH</c> first.</returns>
    public IReadOnlyList<KeyValuePair<string, string>> ToVariables()
    {
        var all = new (string Name, string? Value)[]
        {
            ("GOOS", Goos), ("GOARCH", Goarch), ("GOARM", Goarm), ("GOAMD64", Goamd64), ("GO386", Go386),
            ("GOARM64", Goarm64), ("GOPPC64", Goppc64), ("GORISCV64", Goriscv64), ("GOMIPS", Gomips), ("GOMIPS64", Gomips64),
        };
        return [.. all.Where(v => v.Value is not null).Select(v => new KeyValuePair<string, string>(v.Name, v.Value!))];
    }
}
