using System.Text.RegularExpressions;

namespace Nuke.CrossBuild.Registry;

/// <summary>A parsed image reference: <c>[registry/]repository[:tag][@digest]</c>, with Docker Hub's defaults.</summary>
public sealed partial record ImageReference
{
    /// <summary>Gets the registry host (and port), e.g. <c>127.0.0.1:5000</c>; Docker Hub is <c>docker.io</c>.</summary>
    public required string Registry { get; init; }

    /// <summary>Gets the repository, e.g. <c>library/alpine</c>.</summary>
    public required string Repository { get; init; }

    /// <summary>Gets the tag, or null when a digest is given without one.</summary>
    public string? Tag { get; init; }

    /// <summary>Gets the digest, e.g. <c>sha256:…</c>, or null.</summary>
    public string? Digest { get; init; }

    /// <summary>Gets the reference to ask the registry for: the digest if any, else the tag.</summary>
    public string Reference => Digest ?? Tag ?? "latest";

    /// <summary>Gets whether the registry is on this machine: its host is exactly <c>localhost</c> or a loopback IP (plain HTTP is then allowed, as dockerd does).</summary>
    public bool IsLoopback => RegistryHosts.IsLoopback(RegistryHosts.HostOf(Registry));

    /// <summary>Parses a reference.</summary>
    /// <param name="text">For example <c>127.0.0.1:5000/app:1.0</c>, <c>alpine</c>, <c>ghcr.io/o/r@sha256:…</c>.</param>
    /// <returns>The reference.</returns>
    /// <exception cref="InputException">The text is not a valid reference.</exception>
    public static ImageReference Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var match = Pattern().Match(text.Trim());
        if (!match.Success)
        {
            throw new InputException($"invalid image reference '{text}': expected [registry/]repository[:tag][@sha256:digest], lower-case repository");
        }

        var name = match.Groups["name"].Value;
        var firstSlash = name.IndexOf('/', StringComparison.Ordinal);
        var first = firstSlash < 0 ? string.Empty : name[..firstSlash];
        var hasRegistry = firstSlash > 0 && (first.Contains('.', StringComparison.Ordinal) || first.Contains(':', StringComparison.Ordinal) || first == "localhost");
        var registry = hasRegistry ? first : "docker.io";
        var repository = hasRegistry ? name[(firstSlash + 1)..] : name;
        if (registry == "docker.io" && !repository.Contains('/', StringComparison.Ordinal))
        {
            repository = "library/" + repository;
        }

        var tag = match.Groups["tag"].Success ? match.Groups["tag"].Value : null;
        var digest = match.Groups["digest"].Success ? match.Groups["digest"].Value : null;
        return new ImageReference { Registry = registry, Repository = repository, Tag = tag ?? (digest is null ? "latest" : null), Digest = digest };
    }

    /// <summary>Returns the reference in its full form.</summary>
    /// <returns>For example <c>docker.io/library/alpine:latest</c>.</returns>
    public override string ToString() => $"{Registry}/{Repository}{(Tag is null ? string.Empty : ":" + Tag)}{(Digest is null ? string.Empty : "@" + Digest)}";

    [GeneratedRegex(@"^(?<name>(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*(?::[0-9]+)?/)?[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*)(?::(?<tag>[\w][\w.\-]{0,127}))?(?:@(?<digest>sha256:[a-f0-9]{64}|sha512:[a-f0-9]{128}))?$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
