namespace Nuke.Common.Tooling;

/// <summary>Contract of NUKE's <c>Tool</c> delegate (Nuke.Tooling, the .NET 6+ form).</summary>
public delegate IReadOnlyCollection<Output> Tool(
    ArgumentStringHandler arguments,
    string workingDirectory = null,
    IReadOnlyDictionary<string, string> environmentVariables = null,
    int? timeout = null,
    bool? logOutput = null,
    bool? logInvocation = null,
    Action<OutputType, string> logger = null,
    Action<IProcess> exitHandler = null);
