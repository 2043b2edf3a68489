namespace Nuke.CrossBuild.Dockerfiles;

/// <summary>Where a variable's value comes from, as far as the doctor can tell from the Dockerfile.</summary>
internal enum ValueSource
{
    /// <summary>Not set (Go then uses the machine the build runs on).</summary>
    Unset,

    /// <summary>A fixed value written in the Dockerfile.</summary>
    Literal,

    /// <summary>Derived from the target platform (TARGETARCH, TARGETVARIANT, …, declared in the stage).</summary>
    Target,

    /// <summary>Derived from the build platform (BUILDARCH, …).</summary>
    Build,

    /// <summary>Refers to an ARG that is not declared in this stage, so it expands to nothing.</summary>
    OutOfScope,

    /// <summary>Set by a script the doctor cannot follow.</summary>
    Unknown,
}

/// <summary>A variable's value and where it comes from.</summary>
/// <param name="Source">Its source.</param>
/// <param name="Text">The text (the literal, or the expression).</param>
/// <param name="Detail">For out-of-scope values the ARG name; for unknown ones what hides it.</param>
internal sealed record BuildValue(ValueSource Source, string Text = "", string? Detail = null)
{
    public static readonly BuildValue Unset = new(ValueSource.Unset);

    /// <summary>Combines the parts of one expression: out of scope beats unknown beats target beats build beats literal.</summary>
    public static BuildValue Combine(string text, IEnumerable<BuildValue> parts)
    {
        var list = parts.ToList();
        foreach (var source in new[] { ValueSource.OutOfScope, ValueSource.Unknown, ValueSource.Target, ValueSource.Build })
        {
            if (list.FirstOrDefault(p => p.Source == source) is { } first)
            {
                return new BuildValue(source, text, first.Detail);
            }
        }

        return text.Length == 0 ? Unset : new BuildValue(ValueSource.Literal, text);
    }
}
