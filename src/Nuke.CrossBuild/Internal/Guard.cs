namespace Nuke.CrossBuild.Internal;

/// <summary>The null check every fluent settings setter starts with (<c>Required(settings) with { … }</c>).</summary>
internal static class Guard
{
    /// <summary>Returns the settings, or throws when they are null.</summary>
    /// <typeparam name="T">The settings type.</typeparam>
    /// <param name="settings">The settings.</param>
    /// <returns>The same settings.</returns>
    /// <exception cref="ArgumentNullException">The settings are null.</exception>
    public static T Required<T>(T settings)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings;
    }
}
