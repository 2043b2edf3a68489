using Nuke.Common;

namespace Nuke.CrossBuild.Tests.Components;

/// <summary>A public <see cref="Host"/> subclass for <see cref="NukeContractSpecs"/>: NUKE's Host converter finds hosts by type name.</summary>
public sealed class ContractTestHost : Host
{
}
