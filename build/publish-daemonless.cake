// Publish's daemonless path (build.cake #loads this).
// The same seven images with no engine: each sample's Go matrix on the host (cgo with the host's cross gcc, glibc or
// musl), every binary verified and run once (under QEMU as the platform's weakest CPU), then assembled on the runtime
// base the Dockerfile names — itself assembled here from artifacts/rootfs/ — verified again, written and/or pushed.
void PublishDaemonless(string registry, string suffix, List<PublishRow> rows, List<string> failed)
{
    var rootfs = artifacts.Combine("rootfs");
    var clock = System.Diagnostics.Stopwatch.StartNew();
    var (assembleSeconds, buildSum, verifySum, smokeSum) = (0.0, 0.0, 0.0, 0.0); // build, verify, smoke: summed over platforms (two at a time)
    var baseTimes = DaemonlessBases(rootfs);
    var basesSeconds = clock.Elapsed.TotalSeconds;
    // Every sample's Go matrix through one scheduler (two platform builds at a time across all of them, each verified
    // and smoke-run in its slot): no core waits for one sample's last platform before the next sample starts.
    var ids = samples.Select(s => s.Name + (s.File == "Dockerfile" ? "" : "-" + s.File.Split('.')[1])).ToList();
    string Binaries(string id) => artifacts.Combine($"daemonless/bin/{id}").FullPath + "/{os}_{arch}[_{variant}]/app";
    clock.Restart();
    var reports = GoTasks.BuildAllAsync(samples.Select((sample, i) =>
    {
        var s = new GoBuildSettings().SetPlatforms(sample.Platforms).SetWorkingDirectory($"samples/{sample.Name}").SetOutput(Binaries(ids[i])).SetName("app")
            .EnableStripSymbols().SetSmokeArguments()
            .SetVerdictRecord(artifacts.Combine("verdicts").FullPath); // a binary verified and run before (same sha256, same policy) is not judged again
        s = sample.Cgo ? s.EnableCgo().SetLibc(sample.File.EndsWith(".musl") ? Libc.Musl : Libc.Gnu) : s;
        return sample.Static && sample.Cgo ? s.EnableStatic() : s;
    }).ToList(), line => Verbose("{0}", line)).GetAwaiter().GetResult();
    var goSeconds = clock.Elapsed.TotalSeconds;
    for (var i = 0; i < samples.Length; i++)
    {
        var (sample, id, go) = (samples[i], ids[i], reports[i]);
        Information($"== {id}{suffix} ({sample.Platforms})");
        Information("{0}", go.ToTable());
        (buildSum, verifySum, smokeSum) = (buildSum + go.Results.Sum(r => r.Seconds), verifySum + go.Results.Sum(r => r.VerifySeconds), smokeSum + go.Results.Sum(r => r.SmokeSeconds));
        foreach (var result in go.Results)
        {
            Information($"  {result.Platform,-14} {(result.Recorded ? "recorded" : result.SmokeHow)}  ->  {result.SmokeOutput}");
        }

        clock.Restart();
        try
        {
            go.EnsureSucceeded();
            var image = CrossBuildAssembleImage(s =>
            {
                s = s.SetPlatforms(sample.Platforms).SetBinaries(Binaries(id)).SetName("app").SetBinaryDirectory("/").SetUser("65532:65532")
                    .SetOciLayout(artifacts.Combine($"oci-daemonless/{id}").FullPath).SetTag($"crossbuild/samples/{id}:latest")
                    .SetVerdictRecord(artifacts.Combine("verdicts").FullPath);
                s = sample.Static ? s.EnableStatic() : s;
                s = sample.Runtime is null
                    ? s.AddFile(rootfs.CombineWithFilePath("ca-certificates.crt").FullPath, "/etc/ssl/certs/ca-certificates.crt")
                    : s.SetBase(artifacts.Combine($"bases/{sample.Runtime.Split(':')[0]}").FullPath);
                s = signKey is null ? s : s.SetSignKey(signKey);
                return registry is null ? s : s.EnablePush($"{registry}/samples/{id}:{(suffix.Length == 0 ? "latest" : "daemonless")}");
            });
            assembleSeconds += clock.Elapsed.TotalSeconds;
            rows.AddRange(PublishReport.Rows(id + suffix, go, image, pushed: registry is not null));
        }
        catch (CrossBuildException e)
        {
            Error(e.Message);
            failed.Add(id + suffix);
        }
    }

    Information($"timing daemonless{suffix}: bases {basesSeconds:0.0} s ({baseTimes}), Go matrices {goSeconds:0.0} s (one scheduler; summed over platforms: build {buildSum:0.0} s, verify {verifySum:0.0} s, smoke {smokeSum:0.0} s), image assemble {assembleSeconds:0.0} s ({samples.Length} images)");
}

// The runtime bases the samples name, assembled from artifacts/rootfs/ into artifacts/bases/; returns each one's seconds.
string DaemonlessBases(DirectoryPath rootfs)
{
    var (clock, times) = (System.Diagnostics.Stopwatch.StartNew(), new List<string>());
    var all = "linux/amd64,linux/arm64,linux/arm/v7,linux/arm/v6,linux/386,linux/ppc64le,linux/s390x,linux/riscv64";
    foreach (var runtime in samples.Select(s => s.Runtime).Where(r => r is not null).Distinct())
    {
        clock.Restart();
        var kind = runtime.Split(':')[0];
        var layout = artifacts.Combine($"bases/{kind}").FullPath;
        var layers = kind == "static" ? new[] { "static.tar" } : new[] { "static.tar", kind + "-{arch}{variant}.tar" };
        // The verdict record maps each rootfs tarball's content to the layer it made (unchanged ones are taken from the
        // layout, not gzipped again) and keeps each base platform manifest's pass (an unchanged one is not read back).
        CrossBuildAssembleImage(s => layers.Aggregate(s.EnableBaseOnly().SetPlatforms(all).SetOciLayout(layout).SetTag($"crossbuild/{runtime}").SetVerdictRecord(artifacts.Combine("verdicts").FullPath),
            (x, l) => x.AddLayer(rootfs.CombineWithFilePath(l).FullPath)));
        times.Add($"{kind} {clock.Elapsed.TotalSeconds:0.0}");
    }

    return string.Join(", ", times);
}
