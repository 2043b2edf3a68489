namespace Nuke.CrossBuild.Buildx;

/// <summary>
/// A machine-wide reader/writer lock per builder name (an advisory <c>flock</c> on a file under /var/lock): every
/// pipeline holds it shared for as long as it uses the builder; creating, repairing or removing the builder needs it
/// exclusive, which waits until no pipeline uses the builder.
/// </summary>
internal sealed class BuilderLock : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(30);
    private readonly FileStream stream;

    private BuilderLock(FileStream stream) => this.stream = stream;

    public static async Task<BuilderLock> AcquireAsync(string name, bool exclusive, CancellationToken cancellationToken)
    {
        var path = Path.Combine(Directory(), $"builder-{name}.lock");
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            try
            {
                // .NET maps FileShare.None to flock(LOCK_EX) and the sharing modes to flock(LOCK_SH).
                return new BuilderLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, exclusive ? FileShare.None : FileShare.ReadWrite));
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(250, cancellationToken).ConfigureAwait(false);
            }
            catch (IOException e)
            {
                throw new BuildxException($"builder {name} was in use by another pipeline for more than {Patience.TotalMinutes:0} minutes ({path}): {e.Message}");
            }
        }
    }

    public void Dispose() => stream.Dispose();

    private static string Directory()
    {
        foreach (var candidate in new[] { "/var/lock/crossbuild", Path.Combine(Path.GetTempPath(), "crossbuild-locks") })
        {
            try
            {
                System.IO.Directory.CreateDirectory(candidate);
                return candidate;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
            }
        }

        return Path.GetTempPath();
    }
}
