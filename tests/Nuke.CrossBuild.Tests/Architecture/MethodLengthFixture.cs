namespace Nuke.CrossBuild.Tests.Architecture;

/// <summary>A method whose body lives mostly in a lambda and a trailing local function: measured as one (see <see cref="MethodLengthSpecs"/>).</summary>
internal static class MethodLengthFixture
{
    public static Func<int, int> Folded(int seed)
    {
        var first = seed + 1; // fixture: first line
        Func<int, int> lambda = x =>
        {
            var doubled = x * 2;
            return doubled + first;
        };
        return y => lambda(Local(y));

        int Local(int value)
        {
            var tripled = value * 3;
            return tripled; // fixture: last line
        }
    }

    public static async Task<int> FoldedAsync(int seed)
    {
        await Task.Yield(); // fixture: async first line
        return seed; // fixture: async last line
    }
}
