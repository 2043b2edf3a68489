using System.Text.Json;
using Nuke.CrossBuild.Oci;

namespace Nuke.CrossBuild.Tests.Engine;

internal static class OciDescriptorAccess
{
    public static OciDescriptor Parse(JsonElement element) => OciDescriptor.Parse(element);
}
