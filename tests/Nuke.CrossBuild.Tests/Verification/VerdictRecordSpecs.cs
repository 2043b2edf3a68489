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

    private VerdictRecord Record() => new(dir.Combine("verdicts"));

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
}
