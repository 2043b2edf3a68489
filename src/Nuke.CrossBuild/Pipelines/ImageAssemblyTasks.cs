using Nuke.CrossBuild.Assembling;
using Nuke.CrossBuild.Images;
using Nuke.CrossBuild.Oci;
using Nuke.CrossBuild.Publish;
using Nuke.CrossBuild.Tar;
using Nuke.CrossBuild.Tooling;
using Nuke.CrossBuild.Verification;

namespace Nuke.CrossBuild.Pipelines;

/// <summary>
/// Assembles multi-platform OCI images from the Go matrix's binaries without an engine (like ko, for any binary the
/// matrix made, cgo and static included): one layer per platform on <c>scratch</c> or on the platform's image of a base,
/// reproducible byte for byte, and verified with the image verifier before anything is written where the user asked.
/// </summary>
public static class ImageAssemblyTasks
{
    /// <summary>Assembles the image with configured settings.</summary>
    /// <param name="configure">Configures the settings.</param>
    /// <param name="cancellationToken">Stops the assembly; nothing is left behind.</param>
    /// <returns>The index digest and each platform's manifest.</returns>
    public static Task<ImageAssembly> AssembleAsync(Configure<ImageAssemblySettings> configure, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(configure);
        return AssembleAsync(configure(new ImageAssemblySettings()), cancellationToken);
    }

    /// <summary>Assembles the image.</summary>
    /// <param name="settings">The settings; <see cref="ImageAssemblySettings.OciLayout"/> and/or <see cref="ImageAssemblySettings.Archive"/> must be set.</param>
    /// <param name="cancellationToken">Stops the assembly; nothing is left behind.</param>
    /// <returns>The index digest and each platform's manifest.</returns>
    /// <exception cref="CrossBuildException">The settings are invalid or a binary is missing.</exception>
    /// <exception cref="VerificationException">A binary is not for its platform (or not static when required); nothing was written.</exception>
    public static async Task<ImageAssembly> AssembleAsync(ImageAssemblySettings settings, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var plan = AssemblyPlan.Create(settings); // every setting checked and every binary verified: nothing written yet
        CheckSignKey(settings, plan.Push is not null);
        var epoch = await SourceDateEpoch.ResolveAsync(settings.Epoch, plan.Source, cancellationToken: cancellationToken).ConfigureAwait(false);
        var work = WorkDirectory(settings);
        try
        {
            var layout = new LayoutWriter(work);
            var bases = settings.Base is { } b && b != "scratch"
                ? await BaseImage.ResolveAsync(b, plan.Platforms, settings.Insecure, layout.Blobs, cancellationToken).ConfigureAwait(false)
                : null;
            var reuse = Reuse(settings, plan, layout, epoch);
            var image = new LayoutImage(layout, epoch, Annotations(settings, plan, epoch), reuse);
            await image.PrepareAsync(plan, cancellationToken).ConfigureAwait(false);
            foreach (var target in plan.Targets)
            {
                await image.AddAsync(settings, plan, target, bases?[target.Platform], cancellationToken).ConfigureAwait(false);
            }

            var index = await image.FinishAsync(plan.Tag, cancellationToken).ConfigureAwait(false);
            var verification = await VerifyAsync(settings, plan, work, cancellationToken).ConfigureAwait(false);
            var (uploaded, mounted, signature) = plan.Push is { } push
                ? await LayoutPublisher.PushAsync(settings, push, work, image.Blobs, [.. image.Manifests, index], plan.Platforms, plan.Programs, LayoutPublisher.MountSources(settings.Base, push, bases), cancellationToken).ConfigureAwait(false)
                : (0, 0, null);
            await DeliverAsync(settings, plan, work, epoch, cancellationToken).ConfigureAwait(false);
            return new ImageAssembly { IndexDigest = index.Digest, Epoch = epoch, Platforms = image.Assembled, Verification = verification, UploadedBlobs = uploaded, MountedBlobs = mounted, ReusedLayers = reuse.Reused, Signature = signature };
        }
        finally
        {
            if (Directory.Exists(work))
            {
                Directory.Delete(work, recursive: true);
            }
        }
    }

    // The image as written, read back and verified before anything goes where the user asked.
    // A signing key that cannot sign fails before any work; signing itself comes only after the pushed image verified.
    private static void CheckSignKey(ImageAssemblySettings settings, bool pushes)
    {
        if (settings.SignKey is { } path)
        {
            if (!pushes)
            {
                throw new SettingsException("--sign-key signs what is pushed: expected --push with a target, got no push", "SignKey");
            }

            Signing.SigningKey.Load(path).Dispose();
        }
    }

    private static async Task<ImageVerification> VerifyAsync(ImageAssemblySettings settings, AssemblyPlan plan, string work, CancellationToken cancellationToken)
    {
        using var written = new OciLayoutSource(work);
        var programs = plan.Programs;
        var verification = await ImageVerifier.VerifyAsync(written, plan.Platforms, p => programs[p], !settings.BaseOnly, settings.RequireStatic, null, Record(settings, plan), cancellationToken).ConfigureAwait(false);
        return verification.Ok ? verification : throw new VerificationException(verification.Problems);
    }

    // The verdict record, its directory relative to the sources like the other paths of the settings.
    private static Verification.VerdictRecord? Record(ImageAssemblySettings settings, AssemblyPlan plan)
        => settings.VerdictRecord is { } directory ? new Verification.VerdictRecord(Path.GetFullPath(directory, plan.Source)) : null;

    // With a verdict record and a layout to replace: layers made before from the same inputs are taken from that layout.
    private static LayerReuse Reuse(ImageAssemblySettings settings, AssemblyPlan plan, LayoutWriter layout, long epoch)
    {
        var record = Record(settings, plan);
        var previous = settings.OciLayout is { } target ? Path.Combine(Path.GetFullPath(target, plan.Source), "blobs", "sha256") : null;
        return new LayerReuse(record, previous is not null && Directory.Exists(previous) ? previous : null, layout.Blobs, epoch);
    }

    // The archive and the layout directory, the latter put in place whole.
    private static async Task DeliverAsync(ImageAssemblySettings settings, AssemblyPlan plan, string work, long epoch, CancellationToken cancellationToken)
    {
        if (settings.Archive is { } archive)
        {
            await LayoutArchive.WriteAsync(work, Path.GetFullPath(archive, plan.Source), epoch, cancellationToken).ConfigureAwait(false);
        }

        if (settings.OciLayout is { } target)
        {
            LayoutWriter.Replace(work, Path.GetFullPath(target, plan.Source));
        }
    }

    /// <summary>The base's config below ours: the runtime settings were checked by <see cref="AssemblyPlan.Create"/>.</summary>
    internal static ImageRuntimeConfig Runtime(ImageAssemblySettings settings, AssemblyPlan plan, string? binary, ImageConfig? below)
    {
        // The base's environment first (its PATH included), else Docker's default PATH; then ours, a name replacing in place.
        var environment = below is { Env.Count: > 0 }
            ? below.Env.Select(e => e.Split('=', 2)).Select(p => new KeyValuePair<string, string>(p[0], p.Length > 1 ? p[1] : string.Empty)).ToList()
            : [new("PATH", ImageAssemblySettings.DefaultPath)];
        foreach (var (name, value) in settings.Environment)
        {
            var at = environment.FindIndex(e => e.Key == name);
            if (at >= 0)
            {
                environment[at] = new(name, value); // a later value replaces an earlier one in place, as ENV does
            }
            else
            {
                environment.Add(new(name, value));
            }
        }

        return new ImageRuntimeConfig(
            settings.User,
            environment.Select(e => $"{e.Key}={e.Value}").ToList(),
            settings.Entrypoint.Count > 0 || binary is null ? settings.Entrypoint : [binary],
            settings.Cmd,
            settings.WorkingDirectory ?? (below?.WorkingDir is { } dir && dir != "/" ? dir : null),
            new Dictionary<string, string>(plan.Labels));
    }

    private static Dictionary<string, string> Annotations(ImageAssemblySettings settings, AssemblyPlan plan, long epoch)
    {
        var annotations = new Dictionary<string, string>(plan.Annotations);
        annotations.TryAdd("org.opencontainers.image.created", OciDocuments.Time(epoch));
        if (settings.Base is { } b && b != "scratch")
        {
            annotations.TryAdd("org.opencontainers.image.base.name", b);
        }

        return annotations;
    }

    private static string WorkDirectory(ImageAssemblySettings settings)
    {
        // Next to the layout directory when there is one, so that putting it in place is a rename on one file system.
        var parent = settings.OciLayout is { } target ? Path.GetDirectoryName(Path.GetFullPath(target.TrimEnd('/'), Path.GetFullPath(settings.SourceDirectory ?? "."))) : null;
        if (parent is null)
        {
            return Internal.RunTemp.CreateDirectory("assemble");
        }

        Directory.CreateDirectory(parent);
        var work = Path.Combine(parent, $".crossbuild-assemble-{Environment.ProcessId}-{Guid.NewGuid():n}");
        Directory.CreateDirectory(work);
        return work;
    }
}
