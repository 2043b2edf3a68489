using System.Text;
using Nuke.CrossBuild.Tests.Infra;

namespace Nuke.CrossBuild.Tests.Architecture;

/// <summary>docs/architecture.md draws the rooms and arrows the compiled code has: the page cannot drift from the code.</summary>
public sealed class ArchitectureDocSpecs
{
    private const string Begin = "<!-- rooms:begin (written from the code: ArchitectureDocSpecs prints this block when it differs) -->";
    private const string End = "<!-- rooms:end -->";

    [Fact]
    public void The_architecture_page_shows_every_room_in_order_with_the_rooms_it_uses()
    {
        var page = File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", "architecture.md")).ReplaceLineEndings("\n");
        var start = page.IndexOf(Begin, StringComparison.Ordinal);
        var end = page.IndexOf(End, StringComparison.Ordinal);
        Assert.True(start >= 0 && end > start, $"expected docs/architecture.md to hold the block between '{Begin}' and '{End}'");

        var actual = page[(start + Begin.Length)..end].Trim('\n');
        var expected = Block();

        Assert.True(actual == expected, $"docs/architecture.md's room table differs from the code; expected:\n{expected}");
    }

    [Fact]
    public void The_block_names_the_arrows_the_code_has()
    {
        var block = Block();

        Assert.Contains("| Pipelines |", block, StringComparison.Ordinal);
        Assert.Matches(@"\| Images \| [^\n]*Oci", block);
    }

    // One row per room, lowest first: the room, its files, and the lower rooms it uses (arrows point down).
    private static string Block()
    {
        var edges = Rooms.Edges().Where(e => e.From != e.To).Select(e => (e.From, e.To)).Distinct().ToList();
        var text = new StringBuilder("| # | Room | Uses |\n|---|---|---|\n");
        for (var i = 0; i < Rooms.Order.Count; i++)
        {
            var room = Rooms.Order[i];
            var uses = edges.Where(e => e.From == room).Select(e => Rooms.Order.ToList().IndexOf(e.To)).Where(r => r >= 0).Order().Select(r => Short(Rooms.Order[r]));
            text.Append($"| {i} | {Short(room)} | {string.Join(", ", uses)} |\n");
        }

        return text.ToString().TrimEnd('\n');
    }

    private static string Short(string room) => room == "Nuke.CrossBuild" ? "(root)" : room["Nuke.CrossBuild.".Length..];
}
