using System.Text.Json;
using Nuke.CrossBuild.Images;

namespace Nuke.CrossBuild.Tests.Engine;

internal static class OciDescriptorAccess
{
    public static OciDescriptor Parse(JsonElement element) => OciDescriptor.Parse(element);
}
