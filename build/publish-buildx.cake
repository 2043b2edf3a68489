// Publish's engine path (build.cake #loads this): the seven images in one buildx bake, or one buildx build after another.
void PublishBuildx(string registry, List<PublishRow> rows, List<string> failed)
{
    // Base images always come from the local registry the Engine target fills (no public registry is reachable here).
    var baseRegistry = EnvironmentVariable("CROSSBUILD_REGISTRY") ?? "127.0.0.1:5000";
    var tools = artifacts.Combine("tools/linux-x64");
    PublishExecutable("linux-x64");
    var images = new List<(string Id, ImagePipelineSettings Settings)>();
    foreach (var sample in samples)
    {
        var id = sample.Name + (sample.File == "Dockerfile" ? "" : "-" + sample.File.Split('.')[1]);
        var settings = new ImagePipelineSettings
        {
            Context = $"samples/{sample.Name}", File = $"samples/{sample.Name}/{sample.File}", Repository = $"{registry ?? "crossbuild"}/samples/{id}", Tag = "latest",
            RequireStatic = sample.Static, Pull = true, SmokeArguments = new string[0],
        }.SetPlatforms(sample.Platforms).AddBuildArg("GO_IMAGE", $"{baseRegistry}/crossbuild/golang:1.23")
            .SetVerdictRecord(artifacts.Combine("verdicts").FullPath); // a platform manifest that passed (and ran) before is not judged again
        settings = registry is null ? settings.EnableLoad().SetOciLayout(artifacts.Combine($"oci/{id}").FullPath) : settings.EnablePush();
        settings = signKey is null ? settings : settings.SetSignKey(signKey);
        settings = sample.Runtime is null ? settings : settings.AddBuildArg("RUNTIME_IMAGE", $"{baseRegistry}/crossbuild/{sample.Runtime}");
        settings = sample.Cgo ? settings.AddBuildContext("crossbuild", tools.FullPath) : settings;
        images.Add((id, settings));
    }

    // One bake for all seven (one BuildKit session and solve; shared stages built once); --image-by-image: one buildx build after another.
    var results = new List<(string Id, PipelineResult Result)>();
    if (imageByImage)
    {
        foreach (var (id, settings) in images)
        {
            Information($"== {id} ({string.Join(",", settings.Platforms.Specs)})");
            try
            {
                results.Add((id, CrossBuildImage(settings, failOnProblems: false)));
            }
            catch (CrossBuildException e)
            {
                Error(e.Message);
                failed.Add(id);
            }
        }
    }
    else
    {
        Information($"== one bake: {string.Join(", ", images.Select(i => i.Id))}");
        try
        {
            var bake = CrossBuildBake(images.Aggregate(new ImageBakeSettings(), (b, i) => b.AddImage(i.Id, i.Settings)), failOnProblems: false);
            Information($"bake: {bake.BakeSeconds:0.0} s for {images.Count} images");
            results.AddRange(bake.Images.Select(i => (i.Key, i.Value)));
        }
        catch (CrossBuildException e)
        {
            Error(e.Message);
            failed.AddRange(images.Select(i => i.Id));
        }
    }

    foreach (var (id, result) in results)
    {
        Information($"== {id}");
        rows.AddRange(PublishReport.Rows(id, result));
        foreach (var entry in result.Verification?.Entries ?? new ImagePlatformVerification[0])
        {
            var platform = entry.Platform?.ToString() ?? "?";
            Information($"  {platform,-14} {entry.Binary?.Report}  ->  {result.Smoke.GetValueOrDefault(platform, "(not run)")}");
        }

        foreach (var problem in result.Problems)
        {
            Error(problem);
        }

        if (!result.Succeeded)
        {
            failed.Add(id);
        }
    }
}
