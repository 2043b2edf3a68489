namespace Nuke.CrossBuild.Verification;

/// <summary>What a Go binary says about how it was built (<c>go version -m</c>), from its embedded build information.</summary>
public sealed record GoBuildInfo
{
    /// <summary>Gets the Go version, e.g. <c>go1.23.5</c>.</summary>
    public required string GoVersion { get; init; }

    /// <summary>Gets the main package path, or null when the binary does not record it.</summary>
    public string? Path { get; init; }

    /// <summary>Gets the build settings (<c>GOOS</c>, <c>GOARCH</c>, <c>GOARM</c>, <c>CGO_ENABLED</c>, <c>-tags</c>, <c>-ldflags</c>, <c>-trimpath</c>, ...), in recorded order.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Settings { get; init; } = [];

    /// <summary>Gets one setting's value, or null when it is not recorded.</summary>
    /// <param name="key">For example <c>GOARCH</c> or <c>-tags</c>.</param>
    /// <returns>The value.</returns>
    public string? Setting(string key) => Settings.LastOrDefault(s => s.Key == key).Value;

    /// <summary>Gets <c>GOOS</c>.</summary>
    public string? Goos => Setting("GOOS");

    /// <summary>Gets <c>GOARCH</c>.</summary>
    public string? Goarch => Setting("GOARCH");

    /// <summary>Gets the ARM level from <c>GOARM</c> (e.g. 6 from <c>6,softfloat</c>), or null.</summary>
    public int? ArmLevel => Setting("GOARM") is { Length: > 0 } goarm && char.IsAsciiDigit(goarm[0]) ? goarm[0] - '0' : null;

    /// <summary>Gets whether cgo was on, or null when not recorded.</summary>
    public bool? CgoEnabled => Setting("CGO_ENABLED") switch { "1" => true, "0" => false, _ => null };
}
