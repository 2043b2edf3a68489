namespace Nuke.CrossBuild.Tooling;

/// <summary>Returns a modified copy of settings; the shape of NUKE's <c>Configure&lt;T&gt;</c> hooks.</summary>
/// <typeparam name="T">The settings type.</typeparam>
/// <param name="settings">The settings to start from.</param>
/// <returns>The configured settings.</returns>
public delegate T Configure<T>(T settings);
