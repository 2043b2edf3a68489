using System.Text.Json.Serialization;
using Nuke.CrossBuild.Verification;

namespace Nuke.CrossBuild.Images;

/// <summary>The source-generated (trimming- and AOT-safe) JSON shape of a recorded binary report.</summary>
[JsonSourceGenerationOptions(MaxDepth = 16)]
[JsonSerializable(typeof(BinaryReport))]
internal sealed partial class VerdictJsonContext : JsonSerializerContext;
