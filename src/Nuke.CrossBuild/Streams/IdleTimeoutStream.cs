using Nuke.CrossBuild.Internal;

namespace Nuke.CrossBuild.Streams;

/// <summary>A network body where every read must make progress within a time limit: a stalled server fails the read instead of hanging it.</summary>
internal sealed class IdleTimeoutStream(Stream inner, TimeSpan idle, string what, Func<string, Exception> error) : ForwardReadStream
{
    public override int Read(Span<byte> buffer)
    {
        var rented = new byte[buffer.Length];
        var n = ReadAsync(rented, CancellationToken.None).AsTask().GetAwaiter().GetResult();
        rented.AsSpan(0, n).CopyTo(buffer);
        return n;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(idle);
        try
        {
            return await inner.ReadAsync(buffer, limit.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw error($"{what}: nothing received for {idle.TotalSeconds:0} s; the server stalled (read timeout)");
        }
        catch (Exception e) when (e is IOException or System.Net.Http.HttpRequestException)
        {
            throw error($"{what}: the connection failed while reading ({e.Message.Split('\n')[0].TrimEnd('.')})");
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
