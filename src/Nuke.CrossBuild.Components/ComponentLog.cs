namespace Nuke.CrossBuild.Components;

/// <summary>Where components write progress: standard output, which NUKE shows under the running target.</summary>
internal static class ComponentLog
{
    public static void Write(string line) => Console.Out.WriteLine(line);
}
