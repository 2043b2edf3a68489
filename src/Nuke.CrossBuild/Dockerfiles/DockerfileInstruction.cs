namespace Nuke.CrossBuild.Dockerfiles;

/// <summary>One instruction of a Dockerfile, continuation lines joined.</summary>
/// <param name="Line">The 1-based line it starts on.</param>
/// <param name="Keyword">The upper-case keyword (<c>FROM</c>, <c>RUN</c>, ...).</param>
/// <param name="Arguments">The rest of the instruction, on one line.</param>
/// <param name="Stage">The index of the stage it belongs to (-1 before the first FROM).</param>
public sealed record DockerfileInstruction(int Line, string Keyword, string Arguments, int Stage)
{
    /// <summary>Gets the here-documents of a RUN, COPY or ADD, in order.</summary>
    internal IReadOnlyList<Heredoc> Heredocs { get; init; } = [];

    /// <summary>Splits a Dockerfile into instructions as BuildKit does: parser directives only at the top, <c># escape=</c>, continuations (comment and empty lines inside them dropped), here-documents read as bodies.</summary>
    /// <param name="text">The Dockerfile.</param>
    /// <returns>The instructions, plus <c>#</c> directive/comment lines as keyword <c>#</c>.</returns>
    /// <exception cref="DockerfileFormatException">The text is not a Dockerfile (empty, binary, no FROM, an unknown instruction).</exception>
    public static IReadOnlyList<DockerfileInstruction> Parse(string text) => DockerfileParser.Parse(text).Instructions;
}
