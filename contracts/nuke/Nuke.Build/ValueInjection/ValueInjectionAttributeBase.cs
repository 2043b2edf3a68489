using System.Reflection;

namespace Nuke.Common.ValueInjection;

/// <summary>Contract of NUKE's <c>ValueInjectionAttributeBase</c> (Nuke.Build): its public and protected members; no injection engine.</summary>
[AttributeUsage(AttributeTargets.Field | AttributeTargets.Property)]
public abstract class ValueInjectionAttributeBase : Attribute
{
    public INukeBuild Build { get; internal set; }

    public virtual int Priority => 0;

    public virtual bool SuppressWarnings => false;

    public object TryGetValue(MemberInfo member, object instance)
    {
        try
        {
            return GetValue(member, instance);
        }
        catch (Exception) when (SuppressWarnings)
        {
            return null;
        }
    }

    public abstract object GetValue(MemberInfo member, object instance);

    protected T GetMemberValue<T>(string memberName, object instance) => throw new NotSupportedException("contract only");

    protected T GetMemberValueOrNull<T>(string memberName, object instance) => memberName != null ? GetMemberValue<T>(memberName, instance) : default;
}
