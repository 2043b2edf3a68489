using System.Globalization;

namespace Nuke.CrossBuild.Reports;

/// <summary>Byte counts as the tables show them.</summary>
public static class ByteSizes
{
    /// <summary>Formats a byte count the way registries' UIs do (1024-based, one decimal).</summary>
    /// <param name="bytes">The count.</param>
    /// <returns>E.g. <c>1.4 MiB</c>.</returns>
    public static string Format(long bytes) => bytes switch
    {
        < 1024 => $"{bytes} B",
        < 1024 * 1024 => (bytes / 1024.0).ToString("0.0", CultureInfo.InvariantCulture) + " KiB",
        _ => (bytes / 1024.0 / 1024.0).ToString("0.0", CultureInfo.InvariantCulture) + " MiB",
    };
}
