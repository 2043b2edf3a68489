namespace Nuke.CrossBuild.Internal;

/// <summary>Reads a whole stream of unknown length with a cap: one byte more than the cap is an error, never an allocation.</summary>
internal static class BoundedRead
{
    public static async Task<byte[]> AllAsync(Stream stream, long max, string what, Func<string, Exception> error, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        for (int n; (n = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0;)
        {
            if (buffer.Length + n > max)
            {
                throw error($"{what} is larger than {max} bytes (the limit)");
            }

            buffer.Write(chunk, 0, n);
        }

        return buffer.ToArray();
    }
}
