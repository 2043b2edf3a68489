namespace Nuke.CrossBuild.Buildx;

/// <summary>A machine-wide lock per builder name, so two pipelines never create or repair the same builder at once.</summary>
internal sealed class BuilderLock : IDisposable
{
    private readonly FileStream stream;

    private BuilderLock(FileStream stream) => this.stream = stream;

    public static async Task<BuilderLock> AcquireAsync(string name, CancellationToken cancellationToken)
    {
        var path = Path.Combine(Path.GetTempPath(), $"crossbuild-builder-{name}.lock");
        var deadline = DateTime.UtcNow.AddMinutes(5);
        while (true)
        {
            try
            {
                return new BuilderLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(200, cancellationToken).ConfigureAwait(false);
            }
            catch (IOException e)
            {
                throw new CrossBuildException($"builder {name} is locked by another pipeline for more than 5 minutes ({path}): {e.Message}");
            }
        }
    }

    public void Dispose() => stream.Dispose();
}
