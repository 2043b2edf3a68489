using ArchUnitNET.Loader;
using Nuke.CrossBuild.Platforms;

namespace Nuke.CrossBuild.Tests.Architecture;

/// <summary>
/// The core library's rooms (namespaces = folders) from the floor up. A room may use its own types and those of the
/// rooms listed before it, never a later one. docs/architecture.md draws the same list.
/// </summary>
internal static class Rooms
{
    /// <summary>The rooms, lowest first; the root namespace holds the shared exceptions, <c>Tooling</c> the <c>Configure&lt;T&gt;</c> delegate (as NUKE keeps its own in <c>Nuke.Common.Tooling</c>).</summary>
    public static readonly IReadOnlyList<string> Order =
    [
        "Nuke.CrossBuild",
        "Nuke.CrossBuild.Tooling",
        "Nuke.CrossBuild.Internal",
        "Nuke.CrossBuild.Platforms",
        "Nuke.CrossBuild.Reports",
        "Nuke.CrossBuild.Oci",
        "Nuke.CrossBuild.Streams",
        "Nuke.CrossBuild.Registry",
        "Nuke.CrossBuild.Tar",
        "Nuke.CrossBuild.GitHub",
        "Nuke.CrossBuild.Machine",
        "Nuke.CrossBuild.Verification",
        "Nuke.CrossBuild.Matrix",
        "Nuke.CrossBuild.Engine",
        "Nuke.CrossBuild.Buildx",
        "Nuke.CrossBuild.Binfmt",
        "Nuke.CrossBuild.Toolchains",
        "Nuke.CrossBuild.Toolchains.Go",
        "Nuke.CrossBuild.Dockerfiles",
        "Nuke.CrossBuild.Images",
        "Nuke.CrossBuild.Assembling",
        "Nuke.CrossBuild.Signing",
        "Nuke.CrossBuild.Publish",
        "Nuke.CrossBuild.Publish.Releases",
        "Nuke.CrossBuild.Pipelines",
        "Nuke.CrossBuild.Workflows",
    ];

    private static readonly Lazy<ArchUnitNET.Domain.Architecture> Loaded =
        new(() => new ArchLoader().LoadAssemblies(typeof(Platform).Assembly).Build());

    /// <summary>Every edge from a room to a room of the core library (type level, compiler-generated types folded into their owner's room).</summary>
    public static IEnumerable<(string From, string To, string FromType, string ToType)> Edges()
    {
        foreach (var type in Loaded.Value.Types.Where(t => t.Namespace.FullName.StartsWith("Nuke.CrossBuild", StringComparison.Ordinal)))
        {
            foreach (var dependency in type.Dependencies)
            {
                var target = dependency.Target;
                if (target.Namespace.FullName.StartsWith("Nuke.CrossBuild", StringComparison.Ordinal) && target.Assembly.Name == type.Assembly.Name)
                {
                    yield return (type.Namespace.FullName, target.Namespace.FullName, type.FullName, target.FullName);
                }
            }
        }
    }

    /// <summary>The namespaces the core library has.</summary>
    public static IEnumerable<string> Namespaces() =>
        Loaded.Value.Types.Select(t => t.Namespace.FullName).Where(n => n.StartsWith("Nuke.CrossBuild", StringComparison.Ordinal)).Distinct();
}
