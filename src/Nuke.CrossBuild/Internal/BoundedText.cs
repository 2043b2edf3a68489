using System.Globalization;
using System.Text;

namespace Nuke.CrossBuild.Internal;

/// <summary>
/// A tool's captured output, held within a bound: the first <c>half</c> characters and the last <c>half</c> are kept, and
/// what lies between is replaced by a line saying how many characters were dropped. A tool writing 200 MB costs at most
/// four times <c>half</c> characters, not 200 MB (a review found tool output held whole in memory).
/// </summary>
internal sealed class BoundedText(int half)
{
    private readonly StringBuilder head = new();
    private readonly StringBuilder tail = new();
    private long dropped;

    /// <summary>Adds output as it comes.</summary>
    public void Append(ReadOnlySpan<char> chars)
    {
        var room = half - head.Length;
        if (room > 0)
        {
            var take = Math.Min(room, chars.Length);
            head.Append(chars[..take]);
            chars = chars[take..];
        }

        tail.Append(chars);
        if (tail.Length > 2 * half)
        {
            var excess = tail.Length - half;
            tail.Remove(0, excess);
            dropped += excess;
        }
    }

    /// <summary>Reads a stream to its end into the buffer.</summary>
    public async Task ReadAsync(Stream stream, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: false, bufferSize: 64 * 1024, leaveOpen: true);
        var buffer = new char[64 * 1024];
        int read;
        while ((read = await reader.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            Append(buffer.AsSpan(0, read));
        }
    }

    /// <summary>Returns the output: whole when it fit, else its head, a line naming what was dropped, and its tail.</summary>
    public override string ToString() => dropped == 0
        ? head.ToString() + tail
        : string.Create(CultureInfo.InvariantCulture, $"{head}\n[... {dropped} characters of output dropped ...]\n{tail}");
}
