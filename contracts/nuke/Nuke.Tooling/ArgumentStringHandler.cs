using System.Runtime.CompilerServices;
using Nuke.Common.IO;

namespace Nuke.Common.Tooling;

/// <summary>Contract of NUKE's <c>ArgumentStringHandler</c> (Nuke.Tooling): its public members; no behaviour.</summary>
[InterpolatedStringHandler]
public ref struct ArgumentStringHandler
{
    public ArgumentStringHandler(int literalLength, int formattedCount, out bool handlerIsValid) => handlerIsValid = true;

    public static implicit operator ArgumentStringHandler(string value) => throw new NotSupportedException("contract only");

    public void AppendLiteral(string value) => throw new NotSupportedException("contract only");

    public void AppendFormatted(object obj, int alignment = 0, string format = null) => throw new NotSupportedException("contract only");

    public void AppendFormatted(IEnumerable<IAbsolutePathHolder> paths, int alignment = 0, string format = null) => throw new NotSupportedException("contract only");

    public string ToStringAndClear() => throw new NotSupportedException("contract only");

    public Func<string, string> GetFilter() => throw new NotSupportedException("contract only");
}
