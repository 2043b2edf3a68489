namespace Nuke.Common;

/// <summary>Contract of NUKE's <c>ParameterAttribute</c> (Nuke.Build): description, name, separator, list.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public class ParameterAttribute : Attribute
{
    public ParameterAttribute(string description = null) => Description = description;

    public virtual string Description { get; }

    public string Name { get; set; }

    public string Separator { get; set; }

    public virtual bool List { get; set; } = true;
}
