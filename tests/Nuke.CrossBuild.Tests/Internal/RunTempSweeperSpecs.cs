using Nuke.CrossBuild.Internal;
using Nuke.CrossBuild.Tests.Infra;

namespace Nuke.CrossBuild.Tests.Internal;

public sealed class RunTempSweeperSpecs : IDisposable
{
    private static readonly DateTime Now = new(2026, 12, 8, 12, 0, 0, DateTimeKind.Utc);
    private readonly TempDirectory root = new();

    public void Dispose() => root.Dispose();

    private string RunDirectory(string name, TimeSpan age)
    {
        var path = root.Combine(name);
        Directory.CreateDirectory(Path.Combine(path, "assemble-1"));
        File.WriteAllText(Path.Combine(path, "assemble-1", "layer.tar"), "x");
        Directory.SetLastWriteTimeUtc(path, Now - age);
        return path;
    }

    [Fact]
    public void A_killed_runs_directory_untouched_for_over_an_hour_is_removed_with_its_files()
    {
        var stale = RunDirectory("crossbuild-4242-AbC123", TimeSpan.FromHours(2));

        Assert.Equal(1, RunTempSweeper.Sweep(root.Path, Now, _ => false, keep: null));
        Assert.False(Directory.Exists(stale));
    }

    [Fact]
    public void A_running_process_a_recent_directory_this_run_and_other_names_are_kept()
    {
        var running = RunDirectory("crossbuild-4242-AbC123", TimeSpan.FromHours(2));
        var recent = RunDirectory("crossbuild-4343-XyZ789", TimeSpan.FromMinutes(30));
        var mine = RunDirectory("crossbuild-4444-Mine00", TimeSpan.FromHours(2));
        var tests = RunDirectory("crossbuild-tests-Q6QMj6", TimeSpan.FromHours(2));
        var odd = RunDirectory("crossbuild-4545-AbC123-x", TimeSpan.FromHours(2));

        Assert.Equal(0, RunTempSweeper.Sweep(root.Path, Now, pid => pid == 4242, keep: mine));
        Assert.All([running, recent, mine, tests, odd], d => Assert.True(Directory.Exists(d), d));
    }

    [Fact]
    public void A_link_named_like_a_run_directory_is_not_followed_or_removed()
    {
        // The attack: plant /tmp/crossbuild-<dead pid>-xxxxxx -> a directory the sweeping user owns, and wait.
        var victim = RunDirectory("victim", TimeSpan.FromHours(2));
        var link = root.Combine("crossbuild-4646-LnK000");
        Directory.CreateSymbolicLink(link, victim);

        // Two days on: every entry is old enough, so only its being a link can keep it (and what it points to).
        Assert.Equal(0, RunTempSweeper.Sweep(root.Path, DateTime.UtcNow.AddDays(2), _ => false, keep: null));
        Assert.True(File.Exists(Path.Combine(victim, "assemble-1", "layer.tar")));
        Assert.True(Directory.Exists(link));
    }

    [Fact]
    public void A_stale_directory_another_user_owns_is_kept_even_when_root_could_delete_it()
    {
        // The attack: a local user plants crossbuild-<dead pid>-xxxxxx and swaps a subdirectory for a link to /etc while a
        // root run deletes it recursively. Only directories of our own user are swept, so root never walks into it.
        Assert.SkipUnless(OperatingSystem.IsLinux() && Environment.UserName == "root", "needs root to give a directory to another user");
        var planted = RunDirectory("crossbuild-4747-PlAnt0", TimeSpan.FromHours(2));
        var chown = System.Diagnostics.Process.Start("chown", ["-R", "65534:65534", planted])!;
        chown.WaitForExit();
        Assert.Equal(0, chown.ExitCode);
        Directory.SetLastWriteTimeUtc(planted, Now - TimeSpan.FromHours(2));

        Assert.Equal(0, RunTempSweeper.Sweep(root.Path, Now, _ => false, keep: null));
        Assert.True(Directory.Exists(planted));
    }

    [Fact]
    public void A_run_that_holds_its_alive_file_is_kept_even_when_its_process_id_looks_gone()
    {
        // The failure: /tmp shared with a container whose PID namespace hides a live run's process; after an hour of
        // building (the top folder's time stands still) the next run would delete the live run's files.
        var live = RunDirectory("crossbuild-4848-LiVe00", TimeSpan.FromHours(2));
        var held = new FileStream(Path.Combine(live, RunTemp.AliveFile), FileMode.CreateNew, FileAccess.Write, FileShare.None);
        Directory.SetLastWriteTimeUtc(live, Now - TimeSpan.FromHours(2));

        Assert.Equal(0, RunTempSweeper.Sweep(root.Path, Now, _ => false, keep: null));
        held.Dispose(); // the run ends (the kernel drops the lock even on SIGKILL)
        Assert.Equal(1, RunTempSweeper.Sweep(root.Path, Now, _ => false, keep: null));
        Assert.False(Directory.Exists(live));
    }

    [Theory]
    [InlineData(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute | UnixFileMode.GroupRead | UnixFileMode.OtherRead, false)]
    [InlineData(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute | UnixFileMode.GroupRead | UnixFileMode.OtherRead | UnixFileMode.StickyBit, true)]
    public void A_temporary_folder_others_may_rename_in_is_swept_only_when_sticky(UnixFileMode mode, bool swept)
    {
        // In a folder others can write without the sticky bit, they could swap our directory for a link mid-delete.
        Assert.SkipUnless(OperatingSystem.IsLinux(), "Unix permissions");
        var stale = RunDirectory("crossbuild-4949-ShArE0", TimeSpan.FromHours(2));
        File.SetUnixFileMode(root.Path, mode);

        Assert.Equal(swept ? 1 : 0, RunTempSweeper.Sweep(root.Path, Now, _ => false, keep: null));
        Assert.Equal(!swept, Directory.Exists(stale));
    }

    [Fact]
    public void A_run_directory_others_can_write_is_kept()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "Unix permissions");
        var open = RunDirectory("crossbuild-5050-OpEn00", TimeSpan.FromHours(2));
        File.SetUnixFileMode(open, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute);
        Directory.SetLastWriteTimeUtc(open, Now - TimeSpan.FromHours(2));

        Assert.Equal(0, RunTempSweeper.Sweep(root.Path, Now, _ => false, keep: null));
        Assert.True(Directory.Exists(open));
    }

    [Fact]
    public void This_process_is_running_and_a_pid_with_no_process_is_not()
    {
        Assert.True(RunTempSweeper.IsRunning(Environment.ProcessId));
        Assert.False(RunTempSweeper.IsRunning(int.MaxValue));
    }
}
