using System.Text.Json.Nodes;
using Nuke.CrossBuild.Tests.Infra;
using Nuke.CrossBuild.Verification;

namespace Nuke.CrossBuild.Tests.Verification;

/// <summary>The record of passing verdicts: found only by digest, policy and verifier; anything else is no verdict.</summary>
public sealed class VerdictRecordSpecs : IDisposable
{
    private const string A = "sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
    private const string B = "sha256:bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";
    private readonly TempDirectory dir = new();

    public void Dispose() => dir.Dispose();

    private static readonly byte[] Key = [.. Enumerable.Range(1, 32).Select(i => (byte)i)];

    private VerdictRecord Record(byte[]? key = null) => new(dir.Combine("verdicts"), key ?? Key);

    [Fact]
    public void A_pass_is_read_back_under_its_own_digest_and_policy_only()
    {
        var record = Record();

        Assert.True(record.Write(A, "static=true", new JsonObject { ["output"] = "ok" }));

        Assert.Equal("ok", record.Read(A, "static=true")?["output"]?.GetValue<string>());
        Assert.Null(record.Read(A, "static=false"));
        Assert.Null(record.Read(B, "static=true"));
    }

    [Theory]
    [InlineData("sha256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("sha256:aaaa")]
    [InlineData("sha512:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    [InlineData("../../etc/passwd")]
    [InlineData("sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n")]
    public void A_subject_that_is_not_a_sha256_digest_is_neither_recorded_nor_found(string subject)
    {
        var record = Record();

        Assert.False(record.Write(subject, "p", []));
        Assert.Null(record.Read(subject, "p"));
        Assert.False(Directory.Exists(record.Directory));
    }

    [Fact]
    public void An_entry_copied_over_another_digests_entry_is_no_verdict()
    {
        var record = Record();
        record.Write(A, "p", new JsonObject { ["output"] = "ok" });

        // The attack: the pass of A placed where B's verdict would be, so B (never verified) would be skipped.
        File.Copy(record.PathOf(A, "p"), record.PathOf(B, "p"));

        Assert.Null(record.Read(B, "p"));
        Assert.NotNull(record.Read(A, "p"));
    }

    [Fact]
    public void An_entry_written_by_another_verifier_build_is_no_verdict()
    {
        var record = Record();
        record.Write(A, "p", new JsonObject { ["output"] = "ok" });
        var path = record.PathOf(A, "p");
        var entry = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        entry["verifier"] = "0.1.0+00000000000000000000000000000000";
        File.WriteAllText(path, entry.ToJsonString());

        Assert.Null(record.Read(A, "p"));
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[1,2,3]")]
    [InlineData("{\"subject\":1}")]
    [InlineData("")]
    public void A_malformed_entry_is_no_verdict(string text)
    {
        var record = Record();
        record.Write(A, "p", []);
        File.WriteAllText(record.PathOf(A, "p"), text);

        Assert.Null(record.Read(A, "p"));
    }

    [Fact]
    public void An_oversized_entry_is_not_read()
    {
        var record = Record();
        record.Write(A, "p", new JsonObject { ["output"] = "ok" });
        var path = record.PathOf(A, "p");
        var valid = File.ReadAllText(path);
        File.WriteAllText(path, valid + new string(' ', 2 << 20)); // still valid JSON, but over the 1 MiB bound

        Assert.Null(record.Read(A, "p"));
        Assert.False(record.Write(B, "p", new JsonObject { ["output"] = new string('x', 2 << 20) }));
    }

    [Fact]
    public void A_symlinked_entry_is_not_followed()
    {
        var record = Record();
        record.Write(A, "p", new JsonObject { ["output"] = "ok" });
        var elsewhere = dir.Combine("elsewhere.json");
        File.Move(record.PathOf(A, "p"), elsewhere);
        File.CreateSymbolicLink(record.PathOf(A, "p"), elsewhere);

        Assert.Null(record.Read(A, "p"));
    }

    [Fact]
    public void A_record_that_cannot_be_written_loses_nothing_but_the_shortcut()
    {
        var blocked = dir.Combine("a-file");
        File.WriteAllText(blocked, "x");
        var record = new VerdictRecord(blocked);

        Assert.False(record.Write(A, "p", []));
        Assert.Null(record.Read(A, "p"));
        Assert.Equal("x", File.ReadAllText(blocked));
    }
    [Fact]
    public void An_entry_forged_from_public_facts_is_no_verdict()
    {
        var record = Record();
        record.Write(B, "p", new JsonObject { ["output"] = "ok" }); // the directory exists, as after a restored cache

        // The attack: a cache restored from a pull request's run (or any writer of artifacts/) holds an entry for an image
        // that was never verified. Everything in it is public: the digest, the policy, and the verifier id (the released
        // package's version and its deterministic module version id).
        var forged = new JsonObject { ["subject"] = A, ["policy"] = "p", ["verifier"] = VerdictRecord.VerifierId, ["verdict"] = new JsonObject { ["output"] = "ok" } };
        File.WriteAllText(record.PathOf(A, "p"), forged.ToJsonString());

        Assert.Null(record.Read(A, "p"));
        Assert.NotNull(record.Read(B, "p"));
    }

    [Fact]
    public async Task A_fifo_planted_as_an_entry_is_no_verdict_and_does_not_hang()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "mkfifo is a Linux test here");
        var record = Record();
        record.Write(B, "p", new JsonObject { ["output"] = "ok" });
        var path = record.PathOf(A, "p");

        // The attack: a restored cache (tar keeps FIFOs) plants a named pipe where an entry would be; opening it blocks for ever.
        using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", [path]))
        {
            await mkfifo.WaitForExitAsync(TestContext.Current.CancellationToken);
            Assert.Equal(0, mkfifo.ExitCode);
        }

        var read = Task.Run(() => record.Read(A, "p"), TestContext.Current.CancellationToken);
        var done = await Task.WhenAny(read, Task.Delay(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken));
        if (done != read)
        {
            await File.WriteAllBytesAsync(path, [], TestContext.Current.CancellationToken); // release the blocked reader
            Assert.Fail("reading an entry that is a FIFO hung");
        }

        Assert.Null(await read);
    }
    [Fact]
    public void An_entry_signed_with_another_key_is_no_verdict()
    {
        // The attack: main's build restores a cache that a pull request's run (with its own key, or none) wrote.
        var pullRequest = Record([.. Enumerable.Repeat((byte)7, 32)]);
        pullRequest.Write(A, "p", new JsonObject { ["output"] = "ok" });

        Assert.NotNull(pullRequest.Read(A, "p"));
        Assert.Null(Record().Read(A, "p"));
    }

    [Fact]
    public void A_signed_entry_whose_verdict_was_changed_is_no_verdict()
    {
        var record = Record();
        record.Write(A, "p", new JsonObject { ["path"] = "/app", ["size"] = 1 });
        var path = record.PathOf(A, "p");
        var entry = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        entry["verdict"]!["path"] = "/elsewhere";
        File.WriteAllText(path, entry.ToJsonString());

        Assert.Null(record.Read(A, "p"));
    }

    [Fact]
    public void Without_a_key_nothing_is_recorded_or_read()
    {
        var record = new VerdictRecord(dir.Combine("verdicts"), null);

        Assert.False(record.Write(A, "p", new JsonObject { ["output"] = "ok" }));
        Assert.Null(record.Read(A, "p"));
    }

    [Fact]
    public void The_per_user_key_is_made_once_readable_by_its_owner_only()
    {
        var path = dir.Combine("data", "crossbuild", "verdict.key");

        var key = VerdictKey.FromFile(path);

        Assert.Equal(32, key?.Length);
        Assert.Equal(key, VerdictKey.FromFile(path));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        }
    }

    [Fact]
    public void A_key_file_others_can_read_or_a_linked_one_is_no_key()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Unix permissions");
        var path = dir.Combine("verdict.key");
        VerdictKey.FromFile(path);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);

        Assert.Null(VerdictKey.FromFile(path));

        var link = dir.Combine("linked.key");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.CreateSymbolicLink(link, path);
        Assert.Null(VerdictKey.FromFile(link));
    }
}
