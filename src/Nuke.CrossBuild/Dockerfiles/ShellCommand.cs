namespace Nuke.CrossBuild.Dockerfiles;

/// <summary>One simple command of a RUN script: its words (quotes removed, <c>$</c> expressions kept) and the <c>case</c> word it runs under, if any.</summary>
/// <param name="Words">The words, leading assignments included.</param>
/// <param name="CaseWord">The word of the innermost enclosing <c>case … in</c>, or null.</param>
internal sealed record ShellCommand(IReadOnlyList<string> Words, string? CaseWord);
