using Nuke.CrossBuild.Platforms;

namespace Nuke.CrossBuild.Toolchains.Go;

/// <summary>One <c>go build</c> exactly as it will run: environment, arguments and output file.</summary>
/// <param name="Platform">The target.</param>
/// <param name="Environment">The variables set for it, in order.</param>
/// <param name="Arguments">The arguments after <c>go</c>.</param>
/// <param name="Output">The output file.</param>
public sealed record GoInvocation(Platform Platform, IReadOnlyList<KeyValuePair<string, string>> Environment, IReadOnlyList<string> Arguments, string Output)
{
    /// <summary>Returns the invocation as a shell line (for logs and dry runs).</summary>
    /// <returns>For example <c>GOOS=linux GOARCH=arm GOARM=6 CGO_ENABLED=0 go build -trimpath -o out/app .</c>.</returns>
    public override string ToString()
        => string.Join(' ', Environment.Select(v => $"{v.Key}={Quote(v.Value)}").Append("go").Concat(Arguments.Select(Quote)));

    private static string Quote(string value) => value.Length > 0 && value.All(c => char.IsAsciiLetterOrDigit(c) || "-_./=:,+@%".Contains(c, StringComparison.Ordinal))
        ? value
        : "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
