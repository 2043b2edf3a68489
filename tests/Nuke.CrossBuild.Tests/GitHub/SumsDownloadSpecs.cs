using Nuke.CrossBuild.Publish.Releases;
using Nuke.CrossBuild.Tests.Infra;

namespace Nuke.CrossBuild.Tests.GitHub;

/// <summary>
/// The previous SHA256SUMS download on its own against a loopback server: its 1 MiB bound at the edge, and a redirect
/// loop that ends after three hops with the token sent only once. Written for the Release mutation group.
/// </summary>
public sealed class SumsDownloadSpecs
{
    private const int MaxSumsBytes = 1 << 20;

    private static Task<string?> DownloadAsync(LoopbackServer server)
        => SumsDownload.DownloadAsync(server.Address, "/assets/1", "ghs_sumsToken0123456789abcdef", TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

    [Theory(Timeout = 30_000)]
    [InlineData(0, true)]
    [InlineData(MaxSumsBytes, true)]
    [InlineData(MaxSumsBytes + 1, false)]
    public async Task A_sums_file_of_up_to_1_MiB_is_read_whole_and_a_longer_one_is_none(int size, bool read)
    {
        await using var server = await LoopbackServer.StartAsync(c => c.Response.Body.WriteAsync(Enumerable.Repeat((byte)'a', size).ToArray()).AsTask());

        var text = await DownloadAsync(server);

        Assert.Equal(read ? new string('a', size) : null, text);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_redirect_loop_ends_after_three_hops_and_only_the_first_carries_the_token()
    {
        await using var server = await LoopbackServer.StartAsync(c =>
        {
            c.Response.StatusCode = 302;
            c.Response.Headers.Location = "/assets/1";
            return Task.CompletedTask;
        });

        Assert.Null(await DownloadAsync(server));
        Assert.Equal(3, server.Requests.Count);
        Assert.Single(server.Requests, r => r.Authorization.Length > 0);
    }
}
