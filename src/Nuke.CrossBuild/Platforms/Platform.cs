using System.Diagnostics.CodeAnalysis;

namespace Nuke.CrossBuild.Platforms;

/// <summary>
/// A normalized OCI platform (<c>os/architecture[/variant]</c>), parsed the way containerd normalizes it:
/// <c>aarch64</c> and <c>linux/arm64/v8</c> are <c>linux/arm64</c>, <c>armhf</c> is <c>linux/arm/v7</c>.
/// Only platforms in the table (<see cref="PlatformInfo.All"/>) can be created.
/// </summary>
public sealed partial class Platform : IEquatable<Platform>
{
    private Platform(string os, string architecture, string? variant)
    {
        Os = os;
        Architecture = architecture;
        Variant = variant;
    }

    /// <summary>Gets the operating system, e.g. <c>linux</c>.</summary>
    public string Os { get; }

    /// <summary>Gets the architecture in Go/OCI spelling, e.g. <c>arm64</c>.</summary>
    public string Architecture { get; }

    /// <summary>Gets the variant, e.g. <c>v7</c>, or null when the platform has none.</summary>
    public string? Variant { get; }

    /// <summary>Gets the facts the table holds for this platform.</summary>
    public PlatformInfo Info => PlatformInfo.For(this);

    /// <summary>Parses and normalizes a platform string or architecture alias (case-insensitive).</summary>
    /// <param name="text">For example <c>linux/arm/v7</c>, <c>arm64</c>, <c>x86_64</c>, <c>armhf</c>.</param>
    /// <returns>The normalized platform.</returns>
    /// <exception cref="UnsupportedPlatformException">The text is malformed or names a platform the table does not have.</exception>
    public static Platform Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var (os, arch, variant) = PlatformNormalizer.Normalize(text);
        return PlatformInfo.Find(os, arch, variant)?.Platform
            ?? throw new UnsupportedPlatformException(text, PlatformNormalizer.Unsupported(os, arch, variant));
    }

    /// <summary>Parses a platform without throwing.</summary>
    /// <param name="text">The text to parse.</param>
    /// <param name="platform">The platform, when the text is valid.</param>
    /// <param name="error">The one-line reason, when it is not.</param>
    /// <returns>Whether the text named a supported platform.</returns>
    public static bool TryParse(string? text, [NotNullWhen(true)] out Platform? platform, [NotNullWhen(false)] out string? error)
    {
        try
        {
            platform = Parse(text ?? string.Empty);
            error = null;
            return true;
        }
        catch (UnsupportedPlatformException e)
        {
            platform = null;
            error = e.Message;
            return false;
        }
    }

    internal static Platform Create(string os, string architecture, string? variant) => new(os, architecture, variant);

    /// <summary>Returns <c>os/architecture[/variant]</c>.</summary>
    /// <returns>The OCI platform string.</returns>
    public override string ToString() => Variant is null ? $"{Os}/{Architecture}" : $"{Os}/{Architecture}/{Variant}";

    /// <summary>Returns the platform with underscores instead of slashes, e.g. <c>linux_arm_v7</c>, for file and job names.</summary>
    /// <returns>The slug.</returns>
    public string ToSlug() => ToString().Replace('/', '_');

    /// <inheritdoc />
    public bool Equals(Platform? other)
        => other is not null && Os == other.Os && Architecture == other.Architecture && Variant == other.Variant;

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as Platform);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Os, Architecture, Variant);

    /// <summary>Compares two platforms for equality.</summary>
    /// <param name="left">The first platform.</param>
    /// <param name="right">The second platform.</param>
    /// <returns>Whether they are equal.</returns>
    public static bool operator ==(Platform? left, Platform? right) => Equals(left, right);

    /// <summary>Compares two platforms for inequality.</summary>
    /// <param name="left">The first platform.</param>
    /// <param name="right">The second platform.</param>
    /// <returns>Whether they differ.</returns>
    public static bool operator !=(Platform? left, Platform? right) => !Equals(left, right);
}
