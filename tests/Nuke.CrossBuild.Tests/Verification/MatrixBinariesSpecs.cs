using Nuke.CrossBuild.Platforms;
using Nuke.CrossBuild.Tests.Images.Assembly;
using Nuke.CrossBuild.Tests.Infra;
using Nuke.CrossBuild.Verification;

namespace Nuke.CrossBuild.Tests.Verification;

/// <summary>The hand-over: the matrix's binaries located by one rule and each verified, filtered by the steps that take them.</summary>
public sealed class MatrixBinariesSpecs : IDisposable
{
    private readonly TempDirectory dir = new();

    public void Dispose() => dir.Dispose();

    [Fact]
    public async Task As_built_takes_every_platform_whose_place_holds_a_binary_each_verified()
    {
        var source = await AssemblyInputs.CopyToAsync(dir.Path);

        var binaries = MatrixBinaries.Collect(AssemblyInputs.Pattern, null, PlatformSelection.AsBuilt, sourceDirectory: source);

        Assert.Equal(AssemblyInputs.Platforms, binaries.Platforms);
        Assert.All(binaries, b => Assert.Equal(("hello", true), (b.Name, b.Verification.Ok)));
        Assert.Equal(Path.Combine(source, "bin", "linux_arm_v7", "hello"), binaries[2].Path);
        Assert.True(binaries.Ok);
    }

    [Fact]
    public async Task A_bare_arm_directory_of_a_pattern_without_variant_is_linux_arm_v7_for_finding_and_for_reading_back()
    {
        var source = await AssemblyInputs.CopyToAsync(dir.Path);
        Directory.CreateDirectory(Path.Combine(source, "flat", "linux_arm"));
        File.Copy(Path.Combine(source, "bin", "linux_arm_v7", "hello"), Path.Combine(source, "flat", "linux_arm", "hello"));

        var binaries = MatrixBinaries.Collect("flat/{os}_{arch}/{name}", null, PlatformSelection.AsBuilt, sourceDirectory: source);

        Assert.Equal([Platform.LinuxArmV7], binaries.Platforms);
        Assert.Equal(Platform.LinuxArmV7, OutputPattern.PlatformOf(Path.Combine(source, "flat/{os}_{arch}/{name}"), Path.Combine(source, "flat", "linux_arm", "hello")));
    }

    [Fact]
    public async Task A_named_platform_without_a_binary_fails_in_one_line()
    {
        var source = await AssemblyInputs.CopyToAsync(dir.Path);

        var error = Assert.Throws<BinaryNotFoundException>(() => MatrixBinaries.Collect(AssemblyInputs.Pattern, null, ["linux/amd64", "linux/riscv64"], sourceDirectory: source));

        Assert.Equal($"linux/riscv64: expected one binary in {Path.Combine(source, "bin", "linux_riscv64")}, found none; build it first or say which with --name", error.Message);
    }

    [Fact]
    public void No_binaries_at_all_is_a_settings_mistake_named_in_one_line()
    {
        var error = Assert.Throws<SettingsException>(() => MatrixBinaries.Collect("nothing/{platform}/{name}", null, PlatformSelection.AsBuilt, sourceDirectory: dir.Path));

        Assert.StartsWith("no binaries at nothing/{platform}/{name}: expected crossbuild go build's output there", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_binary_is_kept_in_the_list_with_its_problems_and_refused_when_taken()
    {
        var source = await AssemblyInputs.CopyToAsync(dir.Path);
        File.Copy(Path.Combine(source, "bin", "linux_arm_v7", "hello"), Path.Combine(source, "bin", "linux_arm64", "hello"), overwrite: true);

        var binaries = MatrixBinaries.Collect(AssemblyInputs.Pattern, "hello", PlatformSelection.AsBuilt, sourceDirectory: source);

        Assert.Equal([true, false, true], binaries.Select(b => b.Verification.Ok));
        Assert.All(binaries.Problems, p => Assert.StartsWith("linux/arm64: ", p, StringComparison.Ordinal));
        Assert.Equal(binaries.Problems, Assert.Throws<VerificationException>(() => binaries.EnsureOk()).Problems);
        Assert.True(binaries.For(["linux/amd64", "linux/arm/v7"]).Ok); // a step that takes only the right ones is not held up
    }

    [Fact]
    public async Task A_step_filters_the_hand_over_and_a_platform_it_lacks_is_named()
    {
        var source = await AssemblyInputs.CopyToAsync(dir.Path);
        var binaries = MatrixBinaries.Collect(AssemblyInputs.Pattern, null, PlatformSelection.AsBuilt, sourceDirectory: source);

        var arm = binaries.For(["linux/arm/v7"]);
        var error = Assert.Throws<BinaryNotFoundException>(() => binaries.For(["linux/s390x"]));

        Assert.Equal([Platform.LinuxArmV7], arm.Platforms);
        Assert.Same(binaries, binaries.For(PlatformSelection.AsBuilt));
        Assert.Equal("linux/s390x: expected one of the matrix's binaries (linux/amd64, linux/arm64, linux/arm/v7), found none for it", error.Message);
    }

    [Fact]
    public async Task Verified_for_static_checks_again_only_when_the_requirement_differs()
    {
        var source = await AssemblyInputs.CopyToAsync(dir.Path);
        var binaries = MatrixBinaries.Collect(AssemblyInputs.Pattern, null, PlatformSelection.AsBuilt, sourceDirectory: source);

        var strict = binaries.VerifiedFor(requireStatic: true);

        Assert.Same(binaries, binaries.VerifiedFor(requireStatic: false));
        Assert.True(strict.RequireStatic);
        Assert.All(strict, b => Assert.True(b.Verification.RequireStatic));
        Assert.True(strict.Ok); // the hello asset is static
    }
}
