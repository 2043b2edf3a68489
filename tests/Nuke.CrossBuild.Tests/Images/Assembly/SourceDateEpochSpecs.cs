using Nuke.CrossBuild.Internal;
using Nuke.CrossBuild.Tar;
using Nuke.CrossBuild.Tests.Infra;

namespace Nuke.CrossBuild.Tests.Images.Assembly;

/// <summary>The epoch: given, else SOURCE_DATE_EPOCH, else HEAD's commit time, else 0.</summary>
public sealed class SourceDateEpochSpecs : IDisposable
{
    private readonly TempDirectory dir = new();

    public void Dispose() => dir.Dispose();

    [Fact]
    public async Task A_given_epoch_wins_over_the_variable_and_the_variable_over_git()
    {
        Func<string, string?> env = name => name == "SOURCE_DATE_EPOCH" ? "1234" : null;

        Assert.Equal(7, await SourceDateEpoch.ResolveAsync(7, dir.Path, env, TestContext.Current.CancellationToken));
        Assert.Equal(1234, await SourceDateEpoch.ResolveAsync(null, dir.Path, env, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Without_either_it_is_the_commit_time_of_head_or_0_outside_a_repository()
    {
        Assert.Equal(0, await SourceDateEpoch.ResolveAsync(null, dir.Path, _ => null, TestContext.Current.CancellationToken));

        var git = new Dictionary<string, string?> { ["GIT_COMMITTER_DATE"] = "@1600000000 +0000", ["GIT_AUTHOR_DATE"] = "@1600000000 +0000", ["GIT_AUTHOR_NAME"] = "t", ["GIT_AUTHOR_EMAIL"] = "t@example.com", ["GIT_COMMITTER_NAME"] = "t", ["GIT_COMMITTER_EMAIL"] = "t@example.com" };
        Assert.True((await Tool.RunAsync("git", ["init", "-q"], git, dir.Path, cancellationToken: TestContext.Current.CancellationToken)).Succeeded);
        Assert.True((await Tool.RunAsync("git", ["commit", "-q", "--allow-empty", "-m", "x"], git, dir.Path, cancellationToken: TestContext.Current.CancellationToken)).Succeeded);

        Assert.Equal(1_600_000_000, await SourceDateEpoch.ResolveAsync(null, dir.Path, _ => null, TestContext.Current.CancellationToken));
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("1.5")]
    [InlineData("253402300800")]
    [InlineData(" 5")]
    public async Task A_variable_that_is_not_unix_seconds_is_one_clear_error(string value)
    {
        var error = await Assert.ThrowsAsync<InputException>(() => SourceDateEpoch.ResolveAsync(null, dir.Path, _ => value, TestContext.Current.CancellationToken));

        Assert.Equal($"invalid SOURCE_DATE_EPOCH '{value}': expected Unix seconds (a whole number from 0 to 253402300799)", error.Message);
    }
}
