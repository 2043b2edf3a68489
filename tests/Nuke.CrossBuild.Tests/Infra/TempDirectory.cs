namespace Nuke.CrossBuild.Tests.Infra;

/// <summary>A directory under the system temp folder, deleted on dispose.</summary>
internal sealed class TempDirectory : IDisposable
{
    public TempDirectory()
    {
        Path = Directory.CreateTempSubdirectory("crossbuild-tests-").FullName;
    }

    public string Path { get; }

    public string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    /// <summary>Writes a file of random (incompressible) bytes, so that compressing or uploading it takes a while.</summary>
    public async Task<string> WriteRandomAsync(string relative, int mebibytes)
    {
        var path = Combine(relative);
        await using var file = File.Create(path);
        var chunk = new byte[1 << 20];
        for (var i = 0; i < mebibytes; i++)
        {
            Random.Shared.NextBytes(chunk);
            await file.WriteAsync(chunk, TestContext.Current.CancellationToken);
        }

        return path;
    }

    public string Write(string relative, string content)
    {
        var file = Combine(relative);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(file)!);
        File.WriteAllText(file, content);
        return file;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a process may still hold a file.
        }
    }
}
