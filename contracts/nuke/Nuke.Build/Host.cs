using System.ComponentModel;
using System.Globalization;

namespace Nuke.Common;

/// <summary>
/// Contract of NUKE's <c>Host</c> (Nuke.Build/Host.cs, Host.Activation.cs): its public and protected members (NUKE's
/// internal ones are left out), no output behaviour; its <c>[TypeConverter]</c> (a private nested converter, as NUKE's)
/// picks the one public <see cref="Host"/> subclass whose full name ends with the text, ignoring case.
/// </summary>
[TypeConverter(typeof(TypeConverter))]
public partial class Host
{
    protected Host()
    {
    }

    protected internal void WriteLogo() => throw new NotSupportedException("contract only");

    protected internal virtual IDisposable WriteBlock(string text) => throw new NotSupportedException("contract only");

    protected internal virtual void ReportWarning(string text, string details = null) => throw new NotSupportedException("contract only");

    protected internal virtual void ReportError(string text, string details = null) => throw new NotSupportedException("contract only");

    protected internal virtual bool FilterMessage(string message) => throw new NotSupportedException("contract only");

    protected internal virtual void WriteErrorsAndWarnings() => throw new NotSupportedException("contract only");

    protected internal virtual void WriteTargetOutcome(INukeBuild build) => throw new NotSupportedException("contract only");

    protected internal virtual void WriteBuildOutcome(INukeBuild build) => throw new NotSupportedException("contract only");

    private sealed class TypeConverter : System.ComponentModel.TypeConverter
    {
        public override bool CanConvertFrom(ITypeDescriptorContext context, Type sourceType) => sourceType == typeof(string) || base.CanConvertFrom(context, sourceType);

        public override bool CanConvertTo(ITypeDescriptorContext context, Type destinationType) => false;

        public override object ConvertFrom(ITypeDescriptorContext context, CultureInfo culture, object value)
        {
            if (value is not string text)
            {
                return base.ConvertFrom(context, culture, value);
            }

            var matches = AppDomain.CurrentDomain.GetAssemblies().SelectMany(a => a.GetTypes())
                .Where(t => t.IsPublic && t.IsSubclassOf(typeof(Host)) && t.FullName!.EndsWith(text, StringComparison.OrdinalIgnoreCase))
                .ToList();
            return matches.Count == 1
                ? (Host)Activator.CreateInstance(matches[0], nonPublic: true)
                : throw new ArgumentException("Expected collection to have length of 1", "matchingHosts");
        }
    }
}
