using Nuke.CrossBuild.Buildx;

namespace Nuke.CrossBuild.Tests.Buildx;

/// <summary>Pipelines share a builder; repairing or removing it waits until none uses it.</summary>
public sealed class BuilderLockSpecs
{
    [Fact(Timeout = 30_000)]
    public async Task Many_pipelines_share_a_builder_and_a_repair_waits_for_all_of_them()
    {
        var name = "test-" + Guid.NewGuid().ToString("n");
        var ct = TestContext.Current.CancellationToken;
        var first = await BuilderLock.AcquireAsync(name, exclusive: false, ct);
        var second = await BuilderLock.AcquireAsync(name, exclusive: false, ct);

        var repair = BuilderLock.AcquireAsync(name, exclusive: true, ct);
        await Task.Delay(600, ct);
        var waitedWhileShared = !repair.IsCompleted;
        first.Dispose();
        await Task.Delay(600, ct);
        var waitedForTheLast = !repair.IsCompleted;
        second.Dispose();
        using var exclusive = await repair;
        var pipeline = BuilderLock.AcquireAsync(name, exclusive: false, ct);
        await Task.Delay(600, ct);

        Assert.True(waitedWhileShared);
        Assert.True(waitedForTheLast);
        Assert.False(pipeline.IsCompleted, "a pipeline started while the builder was being repaired");
        exclusive.Dispose();
        (await pipeline).Dispose();
    }
}
