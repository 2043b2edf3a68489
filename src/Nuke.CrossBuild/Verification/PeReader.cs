using System.Reflection.PortableExecutable;
using Nuke.CrossBuild.Platforms;

namespace Nuke.CrossBuild.Verification;

/// <summary>Reads PE headers with the in-box reader, plus the Go build info at the start of <c>.data</c>.</summary>
internal static class PeReader
{
    public static BinaryReport Read(string file, Stream stream, ByteSource src)
    {
        PEHeaders headers;
        try
        {
            stream.Position = 0;
            headers = new PEHeaders(stream);
        }
        catch (BadImageFormatException e)
        {
            throw new CorruptBinaryException($"broken PE headers ({e.Message})");
        }

        var is64 = headers.PEHeader?.Magic == PEMagic.PE32Plus;
        var data = headers.SectionHeaders.FirstOrDefault(s => s.Name == ".data");
        var go = data.SizeOfRawData > 0
            ? GoBuildInfoParser.Search(src.Read(data.PointerToRawData, Math.Min(data.SizeOfRawData, GoBuildInfoParser.MaxSize), ".data section"))
            : null;
        return new BinaryReport
        {
            File = file,
            Format = BinaryFormat.Pe,
            Os = "windows",
            Identity = new BinaryIdentity(BinaryFormat.Pe, is64 ? 64 : 32, Endianness.Little, (int)headers.CoffHeader.Machine),
            Kind = headers.IsDll ? "DLL" : headers.IsExe ? "executable" : "object",
            Go = go,
        };
    }
}
