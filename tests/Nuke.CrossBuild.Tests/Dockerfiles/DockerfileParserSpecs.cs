using Nuke.CrossBuild.Dockerfiles;

namespace Nuke.CrossBuild.Tests.Dockerfiles;

/// <summary>The Dockerfile is split as BuildKit splits it: here-documents, parser directives, escape, continuations; what is not a Dockerfile is one typed error.</summary>
public sealed class DockerfileParserSpecs
{
    private static string Keywords(string dockerfile) => string.Join(" ", DockerfileInstruction.Parse(dockerfile).Where(i => i.Keyword != "#").Select(i => $"{i.Line}:{i.Keyword}"));

    [Fact]
    public void Heredoc_bodies_are_never_instructions()
    {
        Assert.Equal("1:FROM 2:RUN 7:COPY 11:RUN 14:COPY", Keywords("""
            FROM python:3.12
            RUN <<EOF python3
            from os import path
            FROM = 1
            RUN = 2
            EOF
            COPY <<robots.txt <<humans.txt /srv/
            FROM robots
            robots.txt
            humans.txt
            RUN <<-"EOT" bash
            	from=1
            	EOT
            COPY x /x
            """));
    }

    [Fact]
    public void A_shift_or_a_here_string_is_no_heredoc()
    {
        Assert.Equal("1:FROM 2:RUN 3:RUN 4:COPY", Keywords("FROM alpine:3.20\nRUN echo $((1<<2)) $((y<<z))\nRUN cat <<< \"x\"\nCOPY a /a\n"));
    }

    [Fact]
    public void A_heredoc_build_is_read_with_its_interpreter()
    {
        const string shell = """
            FROM --platform=$BUILDPLATFORM golang:1.23 AS build
            RUN <<EOF
            export CGO_ENABLED=0
            go build -o /app .
            EOF
            FROM scratch
            COPY --from=build /app /app
            """;
        const string python = """
            FROM --platform=$BUILDPLATFORM golang:1.23 AS build
            RUN <<EOF
            #!/usr/bin/env python3
            import os; os.system("go build -o /app .")
            EOF
            FROM scratch
            COPY --from=build /app /app
            """;

        Assert.Contains(DockerfileDoctor.Examine(shell), f => f is { Line: 2, Rule: "host-arch-binary", Severity: "error" });
        Assert.DoesNotContain(DockerfileDoctor.Examine(python), f => f.Rule == "host-arch-binary");
    }

    [Fact]
    public void The_escape_directive_makes_backtick_the_continuation_and_only_counts_at_the_top()
    {
        Assert.Equal("2:FROM 3:RUN", Keywords("# escape=`\nFROM alpine:3\nRUN echo a `\n  b\n"));

        // After a comment, '# escape=' is a comment: the backtick continues nothing and 'b' is no instruction.
        Assert.Throws<DockerfileFormatException>(() => DockerfileInstruction.Parse("# a comment\n# escape=`\nFROM alpine:3\nRUN echo a `\nb\n"));
    }

    [Fact]
    public void Comments_and_empty_lines_inside_a_continuation_are_dropped()
    {
        var run = DockerfileInstruction.Parse("FROM alpine:3\nRUN a \\\n# comment\n\n    b\n")[1];

        Assert.Equal(("RUN", "a b"), (run.Keyword, run.Arguments));
    }

    [Theory]
    [InlineData("", "expected a Dockerfile, got a file with no instructions")]
    [InlineData("# only a comment\n", "expected a Dockerfile, got a file with no instructions")]
    [InlineData("\u007fELF\u0002\u0001\u0001\0\0", "expected a Dockerfile (text), got binary data")]
    [InlineData("ARG X=1\n", "expected a Dockerfile with a FROM instruction, got none")]
    [InlineData("hello world\nFROM alpine\n", "expected a Dockerfile instruction at line 1, got 'hello world'")]
    [InlineData("RUN make\n", "expected FROM (or ARG) as the first instruction, got RUN at line 1")]
    public void A_file_that_is_not_a_dockerfile_is_one_typed_error(string text, string message)
    {
        var error = Assert.Throws<DockerfileFormatException>(() => DockerfileDoctor.Examine(text));

        Assert.Equal(message, error.Message);
    }
}
