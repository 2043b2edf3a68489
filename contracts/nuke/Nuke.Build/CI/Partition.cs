namespace Nuke.Common.CI;

/// <summary>Contract of NUKE's <c>Nuke.Common.CI.Partition</c> (Nuke.Build): its public members (the type converter left out).</summary>
public class Partition
{
    public static Partition Single { get; } = new() { Part = 1, Total = 1 };

    public int Part { get; set; }

    public int Total { get; set; }

    public bool IsIn(int part) => Total == 1 || part == Part;

    public IEnumerable<T> GetCurrent<T>(IEnumerable<T> enumerable) => throw new NotSupportedException("contract only");

    public override string ToString() => $"{Part}/{Total}";
}
