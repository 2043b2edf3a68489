using Nuke.Common;
using Nuke.Common.IO;
using Nuke.Common.Tooling;
using Nuke.CrossBuild.Assembling;
using Nuke.CrossBuild.Pipelines;

namespace Nuke.CrossBuild.Components;

/// <summary>
/// Assembles the cross-compiled binaries on <c>scratch</c> as one reproducible multi-platform OCI image, with no engine:
/// verified before it is written to <see cref="AssembledImageDirectory"/> (and pushed, when the hook says where).
/// </summary>
public interface IAssembleImages : ICrossCompileGo
{
    /// <summary>Gets the OCI layout directory the image is written to.</summary>
    AbsolutePath AssembledImageDirectory => CrossBuildArtifactsDirectory / "images" / "assembled";

    /// <summary>Gets the settings the component starts from: the planned platforms, the Go build's output, static when required.</summary>
    sealed Configure<ImageAssemblySettings> AssembleImagesSettingsBase => _ =>
    {
        var settings = _.SetPlatforms(Platforms).SetBinaries(GoOutputPattern).SetSourceDirectory(RootDirectory).SetOciLayout(AssembledImageDirectory);
        return RequireStatic ? settings.EnableStatic() : settings;
    };

    /// <summary>Gets the hook that adjusts the assembly (tag, labels, extra files, push...); applied after the base.</summary>
    Configure<ImageAssemblySettings> AssembleImagesSettings => _ => _;

    /// <summary>Gets the target that assembles the image.</summary>
    Target AssembleImages => _ => _
        .Description("Assembles the verified binaries on scratch as a reproducible multi-platform OCI image, without an engine")
        .DependsOn(CrossCompileGo)
        .Produces(AssembledImageDirectory)
        .Executes(async () =>
        {
            var assembly = await ImageAssemblyTasks.AssembleAsync(Settings.Apply(new ImageAssemblySettings(), AssembleImagesSettingsBase, AssembleImagesSettings)).ConfigureAwait(false);
            ComponentLog.Write($"assembled {string.Join(", ", assembly.Platforms.Select(p => p.Platform))} into {AssembledImageDirectory}: {assembly.IndexDigest}");
        });
}
