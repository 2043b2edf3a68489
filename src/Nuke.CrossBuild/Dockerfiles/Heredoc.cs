namespace Nuke.CrossBuild.Dockerfiles;

/// <summary>A here-document of a RUN, COPY or ADD instruction: <c>&lt;&lt;EOF</c>, <c>&lt;&lt;-EOF</c> (leading tabs removed) or <c>&lt;&lt;"EOF"</c> (no expansion).</summary>
/// <param name="Name">The delimiter word.</param>
/// <param name="Body">The lines between the instruction and the delimiter, joined with newlines.</param>
/// <param name="Line">The 1-based line of the first body line.</param>
internal sealed record Heredoc(string Name, string Body, int Line);
