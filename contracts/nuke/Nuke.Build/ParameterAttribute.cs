using System.Reflection;
using Nuke.Common.ValueInjection;

namespace Nuke.Common;

/// <summary>Contract of NUKE's <c>ParameterAttribute</c> (Nuke.Build): its public members and base; the value comes from NUKE's ParameterService, which the contract does not have.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public class ParameterAttribute : ValueInjectionAttributeBase
{
    public ParameterAttribute(string description = null) => Description = description;

    public virtual string Description { get; }

    public string Name { get; set; }

    public string Separator { get; set; }

    public virtual bool List { get; set; } = true;

    public Type ValueProviderType { get; set; }

    public string ValueProviderMember { get; set; }

    public override object GetValue(MemberInfo member, object instance) => null;

    public virtual IEnumerable<(string, object)> GetValueSet(MemberInfo member, object instance) => null;
}
