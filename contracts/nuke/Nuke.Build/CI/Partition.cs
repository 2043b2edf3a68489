using System.ComponentModel;
using System.Globalization;

namespace Nuke.Common.CI;

/// <summary>
/// Stand-in for NUKE's <c>Nuke.Common.CI.Partition</c> (Nuke.Build/CICD/Partition.cs): its public members with NUKE's
/// behaviour, including the public nested <see cref="TypeConverter"/> that reads <c>part/total</c> (<c>2/3</c>).
/// </summary>
[TypeConverter(typeof(TypeConverter))]
public class Partition
{
    public static Partition Single { get; } = new() { Part = 1, Total = 1 };

    public int Part { get; set; }

    public int Total { get; set; }

    public bool IsIn(int part) => Total == 1 || part == Part;

    public IEnumerable<T> GetCurrent<T>(IEnumerable<T> enumerable)
    {
        var index = 0;
        foreach (var item in enumerable)
        {
            if (index == Part - 1)
            {
                yield return item;
            }

            index = (index + 1) % Total;
        }
    }

    public override string ToString() => $"{Part}/{Total}";

    /// <summary>NUKE's converter: <c>"part/total"</c> to a partition (both parsed with <see cref="int.Parse(string)"/>).</summary>
    public class TypeConverter : System.ComponentModel.TypeConverter
    {
        public override bool CanConvertFrom(ITypeDescriptorContext context, Type sourceType) => sourceType == typeof(string) || base.CanConvertFrom(context, sourceType);

        public override object ConvertFrom(ITypeDescriptorContext context, CultureInfo culture, object value)
        {
            if (value is not string text)
            {
                return base.ConvertFrom(context, culture, value);
            }

            var parts = text.Split('/');
            return new Partition { Part = int.Parse(parts[0]), Total = int.Parse(parts[1]) };
        }
    }
}
