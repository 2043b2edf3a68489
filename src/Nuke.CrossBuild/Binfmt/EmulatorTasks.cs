using Nuke.CrossBuild.Engine;
using Nuke.CrossBuild.Internal;
using Nuke.CrossBuild.Machine;
using Nuke.CrossBuild.Matrix;
using Nuke.CrossBuild.Platforms;
using Nuke.CrossBuild.Verification;

namespace Nuke.CrossBuild.Binfmt;

/// <summary>
/// Registers QEMU user emulators in binfmt_misc only for the platforms a plan needs, from the host's
/// qemu-user-static with the F flag, or with a pinned tonistiigi/binfmt image where the host has none.
/// </summary>
public static class EmulatorTasks
{
    /// <summary>The suffix of the second entry name a re-registration alternates to (<c>qemu-aarch64-crossbuild</c>), so there is never a moment without an entry.</summary>
    public const string AlternateSuffix = "-crossbuild";

    /// <summary>
    /// The tonistiigi/binfmt image used where the host has no qemu-user-static, pinned by digest, never <c>latest</c>.
    /// </summary>
    /// <remarks>The digest is the one several public projects pin; its QEMU version could not be checked from here (no registry access).</remarks>
    public const string PinnedBinfmtImage = "docker.io/tonistiigi/binfmt@sha256:400a4873b838d1b89194d982c45e5fb3cda4593fbfd7e08a02e76b03b21166f0";

    /// <summary>Lists the platforms a plan needs emulators for: those whose build stage is emulated, plus every non-native one when binaries will be run (tests, smoke runs).</summary>
    /// <param name="entries">The matrix entries.</param>
    /// <param name="runBinaries">Whether the built binaries will be run on the host.</param>
    /// <returns>The platforms, without duplicates.</returns>
    public static IReadOnlyList<Platform> Needed(IEnumerable<MatrixEntry> entries, bool runBinaries = false)
    {
        ArgumentNullException.ThrowIfNull(entries);
        return [.. entries.Where(e => e.EmulatorNeeded || (runBinaries && e.RunNeedsEmulator)).Select(e => e.Platform).Where(p => p.Info.Qemu is not null).Distinct()];
    }

    /// <summary>Registers emulators for platforms (skipping what the host runs natively and what is registered and current).</summary>
    /// <param name="platforms">The platforms.</param>
    /// <param name="mount">The binfmt_misc mount.</param>
    /// <param name="interpreterDirectory">Where the host's QEMU binaries are.</param>
    /// <param name="entryPrefix">Prefix of the entry names (default none: <c>qemu-aarch64</c>).</param>
    /// <param name="allowImage">Whether to fall back to the pinned tonistiigi/binfmt image (privileged, for that run only).</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>What was done per platform.</returns>
    /// <exception cref="EmulatorException">binfmt_misc is not mounted and cannot be, permission is denied, or no emulator exists.</exception>
    public static async Task<IReadOnlyList<EmulatorAction>> InstallAsync(
        IEnumerable<Platform> platforms, string mount = BinfmtRegistry.DefaultMount, string interpreterDirectory = "/usr/bin",
        string entryPrefix = "", bool allowImage = true, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(platforms);

        // Every platform's emulator is found and checked before anything is mounted or registered.
        var host = BuildHost.Detect();
        var plans = platforms.Distinct().Where(p => p.Info.Qemu is not null && !host.RunsNatively(p)).Select(p => FindInterpreter(p, interpreterDirectory, allowImage)).ToList();
        await EnsureMountedAsync(mount, cancellationToken).ConfigureAwait(false);
        var entries = BinfmtRegistry.Read(mount).ToDictionary(e => e.Name);
        var actions = plans.Where(p => p.Interpreter is not null).Select(p => KeepOrRegister(mount, entries, entryPrefix + p.Platform.Info.Qemu, p.Platform, p.Interpreter!)).ToList();
        var viaImage = plans.Where(p => p.Interpreter is null).Select(p => p.Platform).ToList();
        if (viaImage.Count > 0)
        {
            actions.AddRange(await InstallByImageAsync(viaImage, cancellationToken).ConfigureAwait(false));
        }

        return actions;
    }

    /// <summary>Removes registrations.</summary>
    /// <param name="platforms">The platforms.</param>
    /// <param name="mount">The binfmt_misc mount.</param>
    /// <param name="entryPrefix">Prefix of the entry names.</param>
    /// <returns>The entries removed.</returns>
    public static IReadOnlyList<string> Uninstall(IEnumerable<Platform> platforms, string mount = BinfmtRegistry.DefaultMount, string entryPrefix = "")
    {
        ArgumentNullException.ThrowIfNull(platforms);
        var removed = new List<string>();
        foreach (var name in platforms.Select(p => p.Info.Qemu).OfType<string>().Distinct().SelectMany(q => new[] { entryPrefix + q, entryPrefix + q + AlternateSuffix }))
        {
            var path = Path.Combine(mount, name);
            if (File.Exists(path))
            {
                Write(path, "-1", mount);
                removed.Add(name);
            }
        }

        return removed;
    }

    /// <summary>Says why a registration must be renewed: empty when it is current (enabled, F flag, interpreter present and unchanged since registration; any interpreter path is accepted, e.g. Debian's <c>/usr/libexec/qemu-binfmt/*-binfmt-P</c>).</summary>
    /// <param name="entry">The registration.</param>
    /// <param name="interpreter">The emulator this host would register (kept for the message of future checks).</param>
    /// <param name="mount">The binfmt_misc mount (for the registration time).</param>
    /// <returns>The reason, or an empty string.</returns>
    public static string Staleness(BinfmtEntry entry, string interpreter, string mount = BinfmtRegistry.DefaultMount)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(interpreter);
        if (!entry.Enabled)
        {
            return "entry disabled";
        }

        if (!entry.FixBinary)
        {
            return "entry lacks the F flag";
        }

        if (!File.Exists(entry.Interpreter))
        {
            return "interpreter deleted since registration";
        }

        var registered = File.GetLastWriteTimeUtc(Path.Combine(mount, entry.Name));
        return File.GetLastWriteTimeUtc(entry.Interpreter) > registered ? "interpreter changed since registration (the kernel still runs the old one)" : string.Empty;
    }

    private static async Task EnsureMountedAsync(string mount, CancellationToken cancellationToken)
    {
        if (File.Exists(Path.Combine(mount, "register")))
        {
            return;
        }

        var result = await Tool.RunAsync("mount", ["-t", "binfmt_misc", "binfmt_misc", mount], cancellationToken: cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded || !File.Exists(Path.Combine(mount, "register")))
        {
            throw new EmulatorException($"binfmt_misc is not mounted at {mount} and mounting it failed ({result.StdErr.Trim()}); run as root: mount -t binfmt_misc binfmt_misc {mount}");
        }
    }

    // Registers an entry; a lost race (another process registered the same name just now) is fine when what it
    // registered is current, and otherwise reported with what is actually there.
    private static string Register(string mount, Platform platform, string interpreter, string name)
    {
        try
        {
            File.WriteAllText(Path.Combine(mount, "register"), BinfmtRegistration.Line(platform, interpreter, "F", name));
            return "registered";
        }
        catch (IOException e) when (e.Message.Contains("exists", StringComparison.OrdinalIgnoreCase))
        {
            var other = BinfmtRegistry.Read(mount).FirstOrDefault(x => x.Name == name);
            var staleness = other is null ? "it vanished again" : Staleness(other, interpreter, mount);
            return other is not null && staleness.Length == 0
                ? "registered by another process"
                : throw new EmulatorException($"{name}: another process registered it at the same time ({(other is null ? staleness : $"interpreter {other.Interpreter}, flags {other.Flags}: {(staleness.Length == 0 ? "current" : staleness)}")}); run the step again");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Write(Path.Combine(mount, "register"), string.Empty, mount, e);
            throw;
        }
    }

    // Removes an entry; one that is already gone (another process removed it) is fine.
    private static void Remove(string mount, string name)
    {
        var path = Path.Combine(mount, name);
        try
        {
            File.WriteAllText(path, "-1");
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException || (e is IOException && !File.Exists(path)))
        {
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Write(path, "-1", mount, e);
        }
    }

    private static void Write(string path, string text, string mount, Exception? failed = null)
    {
        if (failed is not null)
        {
            throw Explain(path, mount, failed);
        }

        try
        {
            File.WriteAllText(path, text);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Explain(path, mount, e);
        }
    }

    private static EmulatorException Explain(string path, string mount, Exception e) => e switch
    {
        UnauthorizedAccessException => new EmulatorException($"permission denied writing {path}; registering emulators needs root"),
        IOException when e.Message.Contains("exists", StringComparison.OrdinalIgnoreCase) => new EmulatorException($"{path}: already registered under another name; remove it first (echo -1 > {mount}/<entry>)"),
        _ => new EmulatorException($"writing {path} failed: {e.Message}; is binfmt_misc mounted at {mount}?"),
    };

    // The host's static QEMU binary for a platform, or null where the pinned image is to install one.
    private static (Platform Platform, string? Interpreter) FindInterpreter(Platform platform, string interpreterDirectory, bool allowImage)
    {
        var qemu = platform.Info.Qemu;
        var interpreter = new[] { $"{qemu}-static", qemu }.Select(f => Path.Combine(interpreterDirectory, f!)).FirstOrDefault(File.Exists);
        if (interpreter is null)
        {
            return allowImage ? (platform, null) : throw new EmulatorException($"no QEMU emulator for {platform}: {interpreterDirectory}/{qemu}-static is missing; install qemu-user-static");
        }

        if (BinaryInspector.Inspect(interpreter).IsStatic != true)
        {
            throw new EmulatorException($"{interpreter} is dynamically linked: the F flag needs a static emulator (install qemu-user-static), or it fails with 'No such file or directory' inside containers");
        }

        return (platform, interpreter);
    }

    // Keeps a current entry, or registers the emulator under one of the platform's two names and removes the stale ones.
    private static EmulatorAction KeepOrRegister(string mount, Dictionary<string, BinfmtEntry> entries, string name, Platform platform, string interpreter)
    {
        // Re-registration never leaves the platform without an emulator: the replacement is registered under the other
        // of two names first (the kernel uses the newest matching entry), then the stale entries are removed.
        var ours = new[] { name, name + AlternateSuffix }.Select(n => entries.GetValueOrDefault(n)).OfType<BinfmtEntry>().ToList();
        if (ours.FirstOrDefault(e => Staleness(e, interpreter, mount).Length == 0) is { } current)
        {
            return new EmulatorAction(platform, current.Name, "kept", "registered and current");
        }

        var reason = ours.Count == 0 ? "not registered" : Staleness(ours[0], interpreter, mount);
        var target = ours.Any(e => e.Name == name) ? name + AlternateSuffix : name;
        if (ours.Count == 2)
        {
            Remove(mount, target); // both stale: the other keeps an emulator in place meanwhile
        }

        var action = Register(mount, platform, interpreter, target);
        foreach (var stale in ours.Where(e => e.Name != target))
        {
            Remove(mount, stale.Name);
        }

        return new EmulatorAction(platform, target, ours.Count == 0 ? action : action.Replace("registered", "re-registered", StringComparison.Ordinal), reason);
    }

    // Runs the pinned tonistiigi/binfmt image once for the platforms the host has no emulator for.
    private static async Task<IEnumerable<EmulatorAction>> InstallByImageAsync(List<Platform> viaImage, CancellationToken cancellationToken)
    {
        var arches = string.Join(',', viaImage.Select(p => p.Architecture).Distinct());
        using var engine = await Engine.DockerEngine.ConnectAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        var run = await engine.RunAsync(new Engine.ContainerRunSettings { Image = PinnedBinfmtImage, Platform = Platform.Host.ToString(), Privileged = true, WeakestCpu = false }.SetArguments("--install", arches), cancellationToken).ConfigureAwait(false);
        if (run.ExitCode != 0)
        {
            throw new EmulatorException($"{PinnedBinfmtImage} --install {arches} exited with {run.ExitCode}: {run.Output.Split('\n').LastOrDefault()}");
        }

        return viaImage.Select(p => new EmulatorAction(p, p.Info.Qemu!, "installed by image", $"no host emulator; ran {PinnedBinfmtImage}"));
    }
}
