using System.Globalization;
using System.Text.Json;
using Nuke.CrossBuild.Dockerfiles;
using Nuke.CrossBuild.Matrix;
using Nuke.CrossBuild.Platforms;
using Nuke.CrossBuild.Tests.Infra;

namespace Nuke.CrossBuild.Tests.Dockerfiles;

/// <summary>
/// The doctor over the corpus in Assets/dockerfile-corpus: Dockerfiles written here that reproduce the patterns of real
/// projects' multi-platform Go images, each with the error rule ids it must get (or none) and why (manifest.json).
/// </summary>
public sealed class DockerfileCorpusSpecs
{
    private static readonly JsonSerializerOptions Options = new() { PropertyNameCaseInsensitive = true };
    private static readonly string Corpus = Path.Combine(RepoPaths.Root, "tests", "Nuke.CrossBuild.Tests", "Assets", "dockerfile-corpus");

    public static TheoryData<string> Cases => [.. Manifest().Cases.Select(c => c.Name)];

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_corpus_dockerfile_gets_exactly_its_expected_errors(string name)
    {
        var (manifest, entry) = (Manifest(), Manifest().Cases.Single(c => c.Name == name));

        var errors = Errors(manifest, entry);

        Assert.True(entry.Errors.Order().SequenceEqual(errors), $"{name}: expected [{string.Join(' ', entry.Errors.Order())}] got [{string.Join(' ', errors)}] — {entry.Why}");
    }

    [Fact]
    public void The_corpus_has_no_false_error_and_misses_no_defect()
    {
        var manifest = Manifest();
        var (right, wrong, missed) = (0, 0, 0);
        foreach (var entry in manifest.Cases)
        {
            var errors = Errors(manifest, entry);
            right += errors.Count(entry.Errors.Contains);
            wrong += errors.Count(e => !entry.Errors.Contains(e));
            missed += entry.Errors.Count(e => !errors.Contains(e));
        }

        TestContext.Current.TestOutputHelper?.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{manifest.Cases.Count} files: errors right {right}, wrong {wrong}, missed {missed}"));
        Assert.True(manifest.Cases.Count >= 40, $"expected at least 40 corpus files, got {manifest.Cases.Count}");
        Assert.Equal((0, 0), (wrong, missed));
    }

    private static List<string> Errors(CorpusManifest manifest, CorpusCase entry)
    {
        var directory = Path.Combine(Corpus, entry.Name);
        var settings = new DockerfileDoctorSettings()
            .SetPlatforms(PlatformSelection.Of([entry.Platforms ?? manifest.Platforms]).Expand())
            .SetTarget(entry.Target)
            .SetContext(directory);
        return [.. DockerfileDoctor.Examine(File.ReadAllText(Path.Combine(directory, "Dockerfile")), settings).Where(f => f.Severity == "error").Select(f => f.Rule).Distinct().Order()];
    }

    private static CorpusManifest Manifest() => JsonSerializer.Deserialize<CorpusManifest>(File.ReadAllText(Path.Combine(Corpus, "manifest.json")), Options)!;

    private sealed record CorpusManifest(string Platforms, List<CorpusCase> Cases);

    private sealed record CorpusCase(string Name, List<string> Errors, string Why, string? Platforms, string? Target);
}
