using Nuke.CrossBuild.Internal;

namespace Nuke.CrossBuild.Dockerfiles;

/// <summary>One thing the doctor found in a Dockerfile.</summary>
/// <param name="Line">The 1-based line where the instruction starts.</param>
/// <param name="Rule">The rule's id, e.g. <c>emulated-build-stage</c>.</param>
/// <param name="Severity"><c>error</c> (proven: the image will be wrong or the build fails for a requested platform), <c>warning</c> (slow, fragile, or possibly wrong) or <c>info</c> (what the doctor cannot see).</param>
/// <param name="Message">What is wrong; what it quotes from the Dockerfile has its control, format and line-break characters escaped (<c>\u202e</c>).</param>
/// <param name="Fix">What to write instead, escaped the same way.</param>
public sealed record DockerfileFinding(int Line, string Rule, string Severity, string Message, string Fix)
{
    /// <summary>Gets what is wrong, printable on one line: a bidi override or zero-width character quoted from the file shows as its escape.</summary>
    public string Message { get; init; } = LogText.Escape(Message);

    /// <summary>Gets what to write instead, escaped as <see cref="Message"/>.</summary>
    public string Fix { get; init; } = LogText.Escape(Fix);

    /// <summary>Returns <c>line N: severity rule: message; fix: …</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"line {Line}: {Severity} {Rule}: {Message}; fix: {Fix}";
}
