using System.Text.RegularExpressions;
using Nuke.CrossBuild.Assembling;
using Nuke.CrossBuild.Platforms;
using Nuke.CrossBuild.Registry;
using Nuke.CrossBuild.Tar;
using Nuke.CrossBuild.Verification;

namespace Nuke.CrossBuild.Pipelines;

/// <summary>
/// An image assembly's settings checked whole before any blob is written: where it goes, the matrix's verified binaries
/// (the hand-over, <see cref="MatrixBinaries"/>) or the base-only platforms, the extra files, each platform's root file
/// system tarballs, and the config's user, environment, labels and annotations.
/// </summary>
internal sealed partial record AssemblyPlan(
    string Source, ImageReference? Push, ImageReference? Tag, IReadOnlyList<AssemblyTarget> Targets, IReadOnlyList<LayerFile> Extras,
    IReadOnlyDictionary<string, string> Labels, IReadOnlyDictionary<string, string> Annotations)
{
    /// <summary>Gets the platforms, in order.</summary>
    public IReadOnlyList<Platform> Platforms => [.. Targets.Select(t => t.Platform)];

    /// <summary>Gets each platform's program in the image, or null (a base image).</summary>
    public Dictionary<Platform, string?> Programs => Targets.ToDictionary(t => t.Platform, t => t.InImage);

    /// <summary>Checks the settings and finds and verifies the binaries; writes nothing.</summary>
    /// <exception cref="InputException">A setting is invalid or a file is missing.</exception>
    /// <exception cref="VerificationException">A binary is not for its platform (or not static when required).</exception>
    public static AssemblyPlan Create(ImageAssemblySettings settings)
    {
        if (settings.OciLayout is null && settings.Archive is null && settings.Push is null)
        {
            throw new InputException("nothing to write: expected an OCI layout directory, an archive and/or a registry (--oci <dir>, --tar <file>, --push <ref>)");
        }

        var push = settings.Push is { } p ? ImageReference.Parse(p) : null;
        if (push?.Digest is not null)
        {
            throw new InputException($"invalid push reference {settings.Push}: expected registry/repository:tag, got a digest (the digest is the index's, known after assembly)");
        }

        CheckRuntime(settings);
        var source = Path.GetFullPath(settings.SourceDirectory ?? Directory.GetCurrentDirectory());
        var targets = Binaries(settings, source).Select(b => Target(settings, source, b)).ToList();
        var extras = settings.Files.Select(f => ExtraFile(f.Key, f.Value, source)).ToList();
        var tag = settings.Tag is { } t ? ImageReference.Parse(t) : null;
        return new AssemblyPlan(source, push, tag, targets, extras, Map(settings.Labels, "label"), Map(settings.Annotations, "annotation"));
    }

    // The hand-over when given, else the binaries at the pattern; only Linux ones (the image is scratch plus Linux
    // binaries): named platforms must all be, of those the matrix built the others are left out.
    private static IEnumerable<(Platform Platform, MatrixBinary? Binary)> Binaries(ImageAssemblySettings settings, string source)
    {
        if (settings.BaseOnly || !settings.Platforms.IsAsBuilt)
        {
            var named = Linux(settings.Platforms.ExpandOr(PlatformSelection.Default)); // before any file is looked for
            if (settings.BaseOnly)
            {
                return named.Select(p => (p, (MatrixBinary?)null));
            }
        }

        var binaries = settings.MatrixBinaries is { } handed ? handed.For(settings.Platforms).VerifiedFor(settings.RequireStatic)
            : MatrixBinaries.Collect(settings.Binaries, settings.Name, settings.Platforms, settings.RequireStatic, source);
        var linux = binaries.Where(b => b.Platform.Os == "linux").ToList();
        if (linux.Count == 0)
        {
            throw new SettingsException($"no Linux binaries at {settings.Binaries}: expected go build's output for at least one linux platform; build it first, or name the platforms with --platforms");
        }

        var problems = linux.SelectMany(b => b.Verification.Problems.Select(x => $"{b.Platform}: {x}")).ToList();
        return problems.Count == 0 ? linux.Select(b => (b.Platform, (MatrixBinary?)b)) : throw new VerificationException(problems);
    }

    private static IReadOnlyList<Platform> Linux(IReadOnlyList<Platform> platforms) => platforms.FirstOrDefault(p => p.Os != "linux") is { } other
        ? throw new InputException($"cannot assemble {other}: expected linux platforms (the image is scratch plus Linux binaries)")
        : platforms;

    private static AssemblyTarget Target(ImageAssemblySettings settings, string source, (Platform Platform, MatrixBinary? Binary) b)
    {
        var inImage = b.Binary is null ? null : settings.BinaryDirectory.TrimEnd('/') + "/" + b.Binary.Name;
        if (inImage is not null)
        {
            ImagePaths.Normalize(inImage, "binary directory"); // checked here, laid by LayoutImage
        }

        var tarballs = settings.Layers.Select(pattern => Path.GetFullPath(OutputPattern.Expand(pattern, b.Platform, string.Empty), source) is var tarball && File.Exists(tarball) ? tarball
            : throw new InputException($"{b.Platform}: expected the root file system tarball {tarball} (from --layer {pattern}), found nothing there")).ToList();
        return new AssemblyTarget(b.Platform, b.Binary?.Path, inImage, tarballs);
    }

    private static void CheckRuntime(ImageAssemblySettings settings)
    {
        if (!UserPattern().IsMatch(settings.User))
        {
            throw new InputException($"invalid user '{settings.User}': expected uid or uid:gid in numbers (scratch has no /etc/passwd to look names up)");
        }

        if (settings.WorkingDirectory is { } workdir)
        {
            ImagePaths.Normalize(workdir, "working directory");
        }

        if (settings.Environment.FirstOrDefault(e => !EnvironmentName().IsMatch(e.Key)) is { Key: { } name })
        {
            throw new InputException($"invalid environment variable name '{name}': expected letters, digits and '_', not starting with a digit");
        }
    }

    private static LayerFile ExtraFile(string host, string inImage, string source)
    {
        var path = Path.GetFullPath(host, source);
        if (!File.Exists(path))
        {
            throw new InputException($"invalid --file {host}:{inImage}: expected a file at {path}, found nothing there");
        }

        var executable = !OperatingSystem.IsWindows() && (File.GetUnixFileMode(path) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0;
        return new LayerFile(path, ImagePaths.Normalize(inImage, "--file destination"), executable ? ImagePaths.Executable : ImagePaths.Data);
    }

    private static Dictionary<string, string> Map(IEnumerable<KeyValuePair<string, string>> pairs, string what)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in pairs)
        {
            map[key.Length > 0 ? key : throw new InputException($"invalid {what}: expected NAME=value, got an empty name")] = value;
        }

        return map;
    }

    [GeneratedRegex("^[0-9]{1,10}(:[0-9]{1,10})?$")]
    private static partial Regex UserPattern();

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex EnvironmentName();
}
