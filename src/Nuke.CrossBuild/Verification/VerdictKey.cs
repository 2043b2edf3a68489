using System.Security.Cryptography;
using System.Text;

namespace Nuke.CrossBuild.Verification;

/// <summary>
/// The secret a <see cref="VerdictRecord"/> signs its entries with (HMAC-SHA256): <c>CROSSBUILD_VERDICT_KEY</c> when it is
/// set (a CI secret shared by the runs whose caches may vouch for each other), else a random per-user key kept beside the
/// user's other local data, created once with owner-only permissions. Without a key there is no record.
/// </summary>
internal static class VerdictKey
{
    /// <summary>The environment variable that holds a shared key.</summary>
    public const string Variable = "CROSSBUILD_VERDICT_KEY";

    private const int Length = 32;
    private const UnixFileMode OthersAccess = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
        | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    private static readonly Lazy<byte[]?> Current = new(() => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } shared
        ? Encoding.UTF8.GetBytes(shared)
        : Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify) is { } data && Path.IsPathFullyQualified(data)
            ? FromFile(Path.Combine(data, "crossbuild", "verdict.key"))
            : null);

    /// <summary>Gets this process's key, or null when there is none (no variable, and no key file can be kept).</summary>
    public static byte[]? Default => Current.Value;

    /// <summary>Reads the key file, creating it (32 random bytes, owner-only) when there is none; null when it is unusable.</summary>
    /// <param name="path">The key file.</param>
    /// <returns>The key, or null for a file that is a link, of another length, readable by others, or cannot be made.</returns>
    public static byte[]? FromFile(string path)
    {
        try
        {
            if (!File.Exists(path))
            {
                Create(path);
            }

            var file = new FileInfo(path);
            if (file.LinkTarget is not null || file.Length != Length || (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(path) & OthersAccess) != 0))
            {
                return null;
            }

            var key = File.ReadAllBytes(path);
            return key.Length == Length ? key : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return null;
        }
    }

    // Written whole under another name, then linked into place without replacing a key another process made first.
    private static void Create(string path)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(directory);
        }
        else
        {
            Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        var temporary = $"{path}.{Guid.NewGuid():n}.tmp";
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        try
        {
            using (var stream = new FileStream(temporary, options))
            {
                stream.Write(RandomNumberGenerator.GetBytes(Length));
            }

            File.Move(temporary, path, overwrite: false);
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another process made the key first: that one is read.
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}
