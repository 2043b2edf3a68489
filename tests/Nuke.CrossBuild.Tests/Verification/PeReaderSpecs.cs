using System.Buffers.Binary;
using Nuke.CrossBuild.Platforms;
using Nuke.CrossBuild.Verification;

namespace Nuke.CrossBuild.Tests.Verification;

/// <summary>
/// The PE reader on hand-written Windows headers (no Go needed): machine, class, executable or DLL, and the Go build
/// info at the start of <c>.data</c> are each read, so a misread field fails a spec.
/// </summary>
public sealed class PeReaderSpecs
{
    [Fact]
    public void An_amd64_go_executable_reads_its_machine_class_kind_and_go_build()
    {
        var report = Inspect(Pe(0x8664, pe32Plus: true, dll: false, [("GOOS", "windows"), ("GOARCH", "amd64")]));

        Assert.Null(report.Error);
        Assert.Equal((BinaryFormat.Pe, "windows", 64, 0x8664, "executable"), (report.Format!.Value, report.Os, report.Identity!.Class, report.Identity.Machine, report.Kind));
        Assert.Equal(("windows", "amd64"), (report.Go?.Goos, report.Go?.Goarch));
        Assert.True(BinaryVerifier.Verify(report, Platform.Parse("windows/amd64"), requireStatic: false).Ok);
        Assert.False(BinaryVerifier.Verify(report, Platform.Parse("windows/arm64"), requireStatic: false).Ok);
    }

    [Fact]
    public void A_32_bit_dll_without_data_is_a_32_bit_dll_with_no_go_build()
    {
        var report = Inspect(Pe(0x14c, pe32Plus: false, dll: true, settings: null));

        Assert.Null(report.Error);
        Assert.Equal((32, 0x14c, "DLL"), (report.Identity!.Class, report.Identity.Machine, report.Kind));
        Assert.Null(report.Go);
    }

    [Fact]
    public void Broken_pe_headers_are_a_one_line_reason()
    {
        var bytes = Pe(0x8664, pe32Plus: true, dll: false, settings: null);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(0x3c), 0x7fff_fff0); // e_lfanew far outside the file

        var report = Inspect(bytes);

        Assert.NotNull(report.Error);
        Assert.DoesNotContain('\n', report.Error);
    }

    private static BinaryReport Inspect(byte[] bytes)
    {
        using var stream = new MemoryStream(bytes, writable: false);
        return BinaryInspector.Inspect("app.exe", stream);
    }

    // DOS header, "PE\0\0", COFF header, the optional header (PE32 or PE32+, 16 empty data directories) and one section
    // table entry (.data, raw data at 0x200 holding the Go build info) or none.
    private static byte[] Pe(ushort machine, bool pe32Plus, bool dll, IReadOnlyList<(string Key, string Value)>? settings)
    {
        var data = settings is null ? [] : ElfFixture.GoBuildInfo("go1.23.5", settings);
        var rawSize = (data.Length + 0x1ff) & ~0x1ff;
        var bytes = new byte[0x200 + rawSize];
        var span = bytes.AsSpan();
        "MZ"u8.CopyTo(span);
        BinaryPrimitives.WriteInt32LittleEndian(span[0x3c..], 0x40);
        "PE\0\0"u8.CopyTo(span[0x40..]);
        var coff = 0x44;
        var optionalSize = pe32Plus ? 240 : 224;
        BinaryPrimitives.WriteUInt16LittleEndian(span[coff..], machine);
        BinaryPrimitives.WriteUInt16LittleEndian(span[(coff + 2)..], (ushort)(settings is null ? 0 : 1));
        BinaryPrimitives.WriteUInt16LittleEndian(span[(coff + 16)..], (ushort)optionalSize);
        BinaryPrimitives.WriteUInt16LittleEndian(span[(coff + 18)..], (ushort)(0x0002 | (dll ? 0x2000 : 0)));
        var optional = coff + 20;
        BinaryPrimitives.WriteUInt16LittleEndian(span[optional..], (ushort)(pe32Plus ? 0x20b : 0x10b));
        BinaryPrimitives.WriteUInt32LittleEndian(span[(optional + 32)..], 0x1000); // section alignment
        BinaryPrimitives.WriteUInt32LittleEndian(span[(optional + 36)..], 0x200); // file alignment
        BinaryPrimitives.WriteUInt32LittleEndian(span[(optional + (pe32Plus ? 108 : 92))..], 16); // data directories
        if (settings is not null)
        {
            var section = optional + optionalSize;
            ".data"u8.CopyTo(span[section..]);
            BinaryPrimitives.WriteUInt32LittleEndian(span[(section + 8)..], (uint)data.Length);
            BinaryPrimitives.WriteUInt32LittleEndian(span[(section + 12)..], 0x1000);
            BinaryPrimitives.WriteUInt32LittleEndian(span[(section + 16)..], (uint)rawSize);
            BinaryPrimitives.WriteUInt32LittleEndian(span[(section + 20)..], 0x200);
            data.CopyTo(span[0x200..]);
        }

        return bytes;
    }
}
