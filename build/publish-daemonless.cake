// Publish's daemonless path (build.cake #loads this).
// The same seven images with no engine: each sample's Go matrix on the host (cgo with the host's cross gcc, glibc or
// musl), every binary verified and run once (under QEMU as the platform's weakest CPU), then assembled on the runtime
// base the Dockerfile names — itself assembled here from artifacts/rootfs/ — verified again, written and/or pushed.
void PublishDaemonless(string registry, string suffix, List<PublishRow> rows, List<string> failed)
{
    var rootfs = artifacts.Combine("rootfs");
    var clock = System.Diagnostics.Stopwatch.StartNew();
    var (goSeconds, assembleSeconds) = (0.0, 0.0);
    var all = "linux/amd64,linux/arm64,linux/arm/v7,linux/arm/v6,linux/386,linux/ppc64le,linux/s390x,linux/riscv64";
    foreach (var runtime in samples.Select(s => s.Runtime).Where(r => r is not null).Distinct())
    {
        var kind = runtime.Split(':')[0];
        var layout = artifacts.Combine($"bases/{kind}").FullPath;
        var layers = kind == "static" ? new[] { "static.tar" } : new[] { "static.tar", kind + "-{arch}{variant}.tar" };
        // The verdict record also maps each rootfs tarball's content to the layer it made: unchanged ones are taken from the layout, not gzipped again.
        CrossBuildAssembleImage(s => layers.Aggregate(s.EnableBaseOnly().SetPlatforms(all).SetOciLayout(layout).SetTag($"crossbuild/{runtime}").SetVerdictRecord(artifacts.Combine("verdicts").FullPath),
            (x, l) => x.AddLayer(rootfs.CombineWithFilePath(l).FullPath)));
    }

    var basesSeconds = clock.Elapsed.TotalSeconds;
    foreach (var sample in samples)
    {
        var id = sample.Name + (sample.File == "Dockerfile" ? "" : "-" + sample.File.Split('.')[1]);
        Information($"== {id}{suffix} ({sample.Platforms})");
        clock.Restart();
        var binaries = artifacts.Combine($"daemonless/bin/{id}").FullPath + "/{os}_{arch}[_{variant}]/app";
        try
        {
            var go = CrossBuildGoBuild(s =>
            {
                s = s.SetPlatforms(sample.Platforms).SetWorkingDirectory($"samples/{sample.Name}").SetOutput(binaries).SetName("app")
                    .EnableStripSymbols().SetSmokeArguments()
                    .SetVerdictRecord(artifacts.Combine("verdicts").FullPath); // a binary verified and run before (same sha256, same policy) is not judged again
                s = sample.Cgo ? s.EnableCgo().SetLibc(sample.File.EndsWith(".musl") ? Libc.Musl : Libc.Gnu) : s;
                return sample.Static && sample.Cgo ? s.EnableStatic() : s;
            });
            foreach (var result in go.Results)
            {
                Information($"  {result.Platform,-14} {(result.Recorded ? "recorded" : result.SmokeHow)}  ->  {result.SmokeOutput}");
            }

            goSeconds += clock.Elapsed.TotalSeconds;
            clock.Restart();

            var image = CrossBuildAssembleImage(s =>
            {
                s = s.SetPlatforms(sample.Platforms).SetBinaries(binaries).SetName("app").SetBinaryDirectory("/").SetUser("65532:65532")
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

    Information($"timing daemonless{suffix}: bases {basesSeconds:0.0} s, Go matrix {goSeconds:0.0} s (build, verify, smoke), image assemble {assembleSeconds:0.0} s ({samples.Length} images)");
}
