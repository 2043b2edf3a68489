namespace Nuke.CrossBuild.Tests.Architecture;

/// <summary>The floors hold: every room of the core library is placed, and none uses a room above it.</summary>
public sealed class RoomSpecs
{
    [Fact]
    public void Every_namespace_of_the_core_library_is_a_room_in_the_order()
    {
        var unplaced = Rooms.Namespaces().Except(Rooms.Order, StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

        var twice = Rooms.Order.GroupBy(r => r, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToList();

        Assert.True(twice.Count == 0, $"expected each room once in Rooms.Order, got twice: {string.Join(", ", twice)}");
        Assert.True(unplaced.Count == 0, $"expected every namespace to be a room of Rooms.Order (tests/…/Architecture/Rooms.cs and docs/architecture.md), got unplaced: {string.Join(", ", unplaced)}");
    }

    [Fact]
    public void No_room_uses_a_room_above_it()
    {
        var upward = Rooms.Edges()
            .Where(e => Rank(e.To) > Rank(e.From))
            .Select(e => $"{Short(e.From)} -> {Short(e.To)} ({e.FromType} uses {e.ToType})")
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.True(upward.Count == 0, $"expected no room to use a later room, got {upward.Count}:\n{string.Join("\n", upward)}");
    }

    [Fact]
    public void The_check_sees_the_edges_it_must_refuse()
    {
        // The check must be able to fail: the highest room reaches down to the floor, and the edges are seen at all.
        var edges = Rooms.Edges().ToList();

        Assert.Contains(edges, e => e.From == "Nuke.CrossBuild.Pipelines" && e.To == "Nuke.CrossBuild.Platforms");
        Assert.Contains(edges, e => e.From == "Nuke.CrossBuild.Images" && e.To == "Nuke.CrossBuild.Oci");
        Assert.True(Rank("Nuke.CrossBuild.Platforms") < Rank("Nuke.CrossBuild.Pipelines"));
    }

    private static int Rank(string room)
    {
        var rank = Rooms.Order.ToList().IndexOf(room);
        return rank < 0 ? int.MaxValue : rank;
    }

    private static string Short(string room) => room.Length > "Nuke.CrossBuild.".Length ? room["Nuke.CrossBuild.".Length..] : "(root)";
}
