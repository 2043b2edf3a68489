namespace Nuke.Common;

/// <summary>Contract of NUKE's <c>SecretAttribute</c> (Nuke.Build).</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field | AttributeTargets.Parameter)]
public class SecretAttribute : Attribute
{
}
