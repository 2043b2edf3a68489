using System.Runtime.InteropServices;

namespace Nuke.CrossBuild.Internal;

/// <summary>The libc calls .NET does not expose.</summary>
internal static partial class Native
{
    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    public static partial int Kill(int pid, int signal);

    [LibraryImport("libc", EntryPoint = "geteuid")]
    public static partial uint EffectiveUserId();
}
