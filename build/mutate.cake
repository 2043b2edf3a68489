// The Mutate target (build.cake #loads this).
// Mutation testing (Stryker.NET) of the trust code. Each group names the files mutated (relative to src/Nuke.CrossBuild)
// and the unit tests that judge them: no engine, registry, Go or fuzz tests, so a mutant costs seconds, not minutes.
var mutationGroups = new Dictionary<string, (string[] Files, string Tests)>(StringComparer.OrdinalIgnoreCase)
{
    ["Images"] = (
        new[] { "Oci/OciDigest.cs", "Streams/VerifyingStream.cs", "Oci/ImageReadLimits.cs", "Registry/RegistryCredentials.cs", "Registry/RegistryHosts.cs", "Registry/AuthChallenge.cs", "Internal/BoundedRead.cs" },
        "FullyQualifiedName~Nuke.CrossBuild.Tests.Images.DigestCheckSpecs|FullyQualifiedName~Nuke.CrossBuild.Tests.Images.CredentialCheckSpecs|FullyQualifiedName~Nuke.CrossBuild.Tests.Images.BoundCheckSpecs|FullyQualifiedName~Nuke.CrossBuild.Tests.Images.ImageReferenceSpecs"
        + "|FullyQualifiedName~Nuke.CrossBuild.Tests.Images.RegistryTrustSpecs.Environment_credentials|FullyQualifiedName~Nuke.CrossBuild.Tests.Images.RegistryTrustSpecs.A_credential_helper_that_hangs"),
    ["Verification"] = (
        new[] { "Verification/*.cs", "Platforms/OutputPattern.cs" },
        "FullyQualifiedName~Nuke.CrossBuild.Tests.Verification.BinaryVerifierSpecs|FullyQualifiedName~Nuke.CrossBuild.Tests.Platforms.OutputPatternSpecs"
        + "|FullyQualifiedName~Nuke.CrossBuild.Tests.Verification.MatrixBinariesSpecs|FullyQualifiedName~ReaderSpecs"
        // the synthetic fuzz specs (each under a second); the Go-built ones cost a Go build per mutant
        + "|FullyQualifiedName~Nuke.CrossBuild.Tests.Verification.RobustnessSpecs.Mutated_synthetic|FullyQualifiedName~Nuke.CrossBuild.Tests.Verification.RobustnessSpecs.Truncations"
        + "|FullyQualifiedName~Nuke.CrossBuild.Tests.Verification.RobustnessSpecs.Random_bytes"),
    // In-memory registry and loopback GitHub on 127.0.0.1: no engine, no Go. AssembledImageUploadSpecs/PushSpecs need the
    // engine (Requires.EngineAsync) and GitHubReleaseSpecs builds Go binaries (AssemblyInputs), so they are left out.
    ["Push"] = (
        new[] { "Publish/LayoutPusher.cs", "Publish/LayoutPublisher.cs" },
        "FullyQualifiedName~Nuke.CrossBuild.Tests.Images.Assembly.LayoutPusherSpecs|FullyQualifiedName~Nuke.CrossBuild.Tests.Images.Assembly.RegistryPushAttackSpecs"
        + "|FullyQualifiedName~Nuke.CrossBuild.Tests.Images.Assembly.LayoutPusherEdgeSpecs|FullyQualifiedName~Nuke.CrossBuild.Tests.Images.Assembly.LayoutPublisherMountSpecs"),
    ["Release"] = (
        new[] { "Publish/Releases/*.cs" },
        "FullyQualifiedName~Nuke.CrossBuild.Tests.GitHub.ReleaseAttackSpecs|FullyQualifiedName~Nuke.CrossBuild.Tests.GitHub.ReleaseNameSpecs"
        + "|FullyQualifiedName~Nuke.CrossBuild.Tests.GitHub.ReleaseSumsAndLengthSpecs|FullyQualifiedName~Nuke.CrossBuild.Tests.GitHub.SumsDownloadSpecs"),
};

Task("Mutate")
    .Description("Mutation score of the trust code (Stryker.NET over unit tests only): --mutate-namespace Images|Verification|Push|Release (comma-separated; default all); reports in artifacts/mutation/, score per group and file printed.")
    .Does(() =>
{
    var names = (Argument("mutate-namespace", string.Join(",", mutationGroups.Keys))).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    var unknown = names.Where(n => !mutationGroups.ContainsKey(n)).ToList();
    if (unknown.Count > 0)
    {
        throw new Exception($"invalid --mutate-namespace '{string.Join(",", unknown)}': expected {string.Join(", ", mutationGroups.Keys)}");
    }

    var groups = names.Select(n => (Name: mutationGroups.Keys.First(k => k.Equals(n, StringComparison.OrdinalIgnoreCase)), Group: mutationGroups[n])).ToList();
    var output = artifacts.Combine("mutation");
    EnsureDirectoryExists(output);
    var arguments = new ProcessArgumentBuilder()
        .Append("stryker").Append("--test-runner").Append("mtp").Append("--project").Append("Nuke.CrossBuild.csproj")
        .Append("--configuration").Append(configuration).Append("--concurrency").Append(Argument("mutate-concurrency", "1"))
        .Append("--test-case-filter").AppendQuoted(string.Join("|", groups.Select(g => g.Group.Tests)))
        .Append("--reporter").Append("Progress").Append("--reporter").Append("Json").Append("--reporter").Append("Html")
        .Append("--output").AppendQuoted(output.FullPath).Append("--skip-version-check");
    foreach (var file in groups.SelectMany(g => g.Group.Files))
    {
        arguments.Append("--mutate").AppendQuoted("**/" + file);
    }

    // One run for every group asked for: Stryker builds and compiles the mutated assembly once. CrossBuildMutate=true
    // switches the test project to Microsoft Testing Platform and the build to artifacts/mutation/build (Directory.Build.props).
    var exit = StartProcess("dotnet", new ProcessSettings
    {
        Arguments = arguments,
        WorkingDirectory = "tests/Nuke.CrossBuild.Tests",
        EnvironmentVariables = new Dictionary<string, string> { ["CrossBuildMutate"] = "true" },
    });
    if (exit != 0)
    {
        throw new Exception($"dotnet stryker failed: expected exit 0, got {exit}");
    }

    var report = output.CombineWithFilePath("reports/mutation-report.json");
    var files = System.Text.Json.JsonDocument.Parse(System.IO.File.ReadAllText(report.FullPath)).RootElement.GetProperty("files");
    var counts = new Dictionary<string, (int Detected, int Undetected)>();
    foreach (var file in files.EnumerateObject())
    {
        var statuses = file.Value.GetProperty("mutants").EnumerateArray().Select(m => m.GetProperty("status").GetString()).ToList();
        var detected = statuses.Count(s => s is "Killed" or "Timeout");
        var undetected = statuses.Count(s => s is "Survived" or "NoCoverage");
        var relative = file.Name.Replace('\\', '/');
        relative = relative[(relative.IndexOf("src/Nuke.CrossBuild/", StringComparison.Ordinal) + "src/Nuke.CrossBuild/".Length)..];
        counts[relative] = (detected, undetected);
    }

    string Score((int Detected, int Undetected) c) => c.Detected + c.Undetected == 0 ? "n/a" : $"{100.0 * c.Detected / (c.Detected + c.Undetected):0.0} % ({c.Detected}/{c.Detected + c.Undetected})";
    var lines = new List<string> { $"Mutation score (killed or timed out / tested; report {report.FullPath}):" };
    foreach (var (name, group) in groups)
    {
        var mine = counts.Where(c => group.Files.Any(f => GlobMatches(f, c.Key))).ToList();
        lines.Add($"  {name}: {Score((mine.Sum(c => c.Value.Detected), mine.Sum(c => c.Value.Undetected)))}");
        lines.AddRange(mine.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => $"    {c.Key}: {Score(c.Value)}"));
    }

    System.IO.File.WriteAllLines(output.CombineWithFilePath("scores.txt").FullPath, lines);
    lines.ForEach(Console.WriteLine);
});

// "**/" is any number of folders, "*" anything within one name: the --mutate globs of mutationGroups.
bool GlobMatches(string glob, string path) => System.Text.RegularExpressions.Regex.IsMatch(path,
    "^" + System.Text.RegularExpressions.Regex.Escape(glob).Replace(@"\*\*/", "(.*/)?").Replace(@"\*", "[^/]*") + "$");
