using System.ComponentModel;
using Nuke.Common.IO;

namespace Nuke.CrossBuild.Tests.NukeContracts;

/// <summary>
/// The stand-in <see cref="AbsolutePath"/> behaves as NUKE 10.1.0's. Each expectation was read from NUKE's source at tag
/// 10.1.0 (github.com/nuke-build/nuke, commit 8aaec25): source/Nuke.Utilities/IO/AbsolutePath.cs (constructor, conversions,
/// <c>Parent</c>, operators, equality, formats, TypeConverter), source/Nuke.Utilities/IO/PathConstruction.cs
/// (<c>NormalizePath</c>, <c>Combine</c>, <c>GetPathRoot</c>, <c>Trim</c>) and source/Nuke.Utilities/Text/String.Quoting.cs.
/// Kept outside Components/ so that it also compiles and runs under -p:UseNukeCommon=true: there it checks NUKE itself.
/// </summary>
public sealed class NukePathSpecs
{
    [Theory]
    // NormalizePath: the tail is split on '\' and '/' with empty parts removed, so a trailing separator goes (Trim).
    [InlineData("/a/b/", "/a/b")]
    [InlineData("/a//b", "/a/b")]
    [InlineData("/", "/")]
    // '.' parts vanish, '..' removes its parent part.
    [InlineData("/a/./b/../c", "/a/c")]
    [InlineData("/a/b/..", "/a")]
    [InlineData("/a/..", "/")]
    // GetSeparator: the separator written is the root's; a backslash is a separator under a Unix root too.
    [InlineData(@"/a\b", "/a/b")]
    [InlineData(@"C:\a\..\b\.", @"C:\b")]
    [InlineData("C:/a/b", @"C:\a\b")]
    [InlineData("C:", @"C:\")]
    [InlineData(@"\\server\share\dir\", @"\\server\share\dir")]
    // Create does not require a root and does not resolve: a relative path and "~" stay as given (normalized).
    [InlineData("relative", "relative")]
    [InlineData("~/x", "~/x")]
    [InlineData("a/./b/", "a/b")]
    [InlineData("../x", "../x")]
    [InlineData("a/../../x", "../x")]
    public void Create_normalizes_as_nuke_does(string path, string expected)
    {
        Assert.Equal(expected, AbsolutePath.Create(path).ToString());
    }

    [Theory]
    // NormalizePath asserts "i > 0 || root == null" for a leading '..': past the root is an error, not the root.
    [InlineData("/..")]
    [InlineData("/a/../..")]
    [InlineData(@"C:\..\x")]
    public void A_dotdot_past_the_root_throws_as_nuke_does(string path)
    {
        var error = Assert.Throws<ArgumentException>(() => AbsolutePath.Create(path));

        Assert.Equal($"Cannot normalize '{path}' beyond path root", error.Message);
    }

    [Fact]
    public void A_trailing_separator_makes_no_other_path()
    {
        // Equals compares the normalized strings (ordinal; ignoring case under a drive root).
        Assert.Equal(AbsolutePath.Create("/a/b"), AbsolutePath.Create("/a/b/"));
        Assert.True(AbsolutePath.Create("/a/b/") == (AbsolutePath)"/a/b");
        Assert.Equal(AbsolutePath.Create(@"C:\Dir"), AbsolutePath.Create("c:/dir/"));
        Assert.NotEqual(AbsolutePath.Create("/Dir"), AbsolutePath.Create("/dir"));
        Assert.False(AbsolutePath.Create("/a").Equals(null));
    }

    [Fact]
    public void Division_appends_a_relative_path_and_refuses_a_rooted_one()
    {
        var root = AbsolutePath.Create("/src/app");

        // Combine: both sides trimmed, the left side's separator between; a null or empty right side changes nothing.
        Assert.Equal("/src/app/build/Dockerfile", (root / "build/Dockerfile/").ToString());
        Assert.Equal("/src/app", (root / null).ToString());
        Assert.Equal("/src", (root / "..").ToString());
        Assert.Equal("/etc", (AbsolutePath.Create("/") / "etc").ToString());
        Assert.Equal(@"C:\x\y", (AbsolutePath.Create(@"C:\x") / "y").ToString());
        Assert.Equal("/src/app/x", (root / @"x\").ToString());
        // HasPathRoot knows '/', drives and UNC hosts on every OS, so each is refused on the right.
        Assert.All(["/etc", @"C:\x", @"\\server\share"], rooted => Assert.Equal("Second path must not be rooted", Assert.Throws<ArgumentException>(() => root / rooted).Message));
        Assert.Throws<ArgumentException>(() => root / "../../..");
    }

    [Fact]
    public void Plus_appends_text_and_normalizes()
    {
        Assert.Equal("/src/app.tar", (AbsolutePath.Create("/src/app/") + ".tar").ToString());
        Assert.Equal("/src/b", (AbsolutePath.Create("/src/a") + "/../b").ToString());
    }

    [Fact]
    public void The_string_conversion_requires_a_root_and_keeps_null()
    {
        Assert.Equal("Path 'relative/dir' must be rooted", Assert.Throws<ArgumentException>(() => (AbsolutePath)"relative/dir").Message);
        Assert.Equal("Path '~/x' must be rooted", Assert.Throws<ArgumentException>(() => (AbsolutePath)"~/x").Message);
        Assert.Null((AbsolutePath)(string)null!);
        Assert.Null((string)(AbsolutePath)null!);
        Assert.Equal(@"C:\x", ((AbsolutePath)@"C:\x\").ToString());
    }

    [Fact]
    public void Parent_stops_at_a_root()
    {
        Assert.Equal("/a", AbsolutePath.Create("/a/b/").Parent!.ToString());
        Assert.Equal("/", AbsolutePath.Create("/a").Parent!.ToString());
        Assert.Null(AbsolutePath.Create("/").Parent);
        Assert.Null(AbsolutePath.Create(@"C:\").Parent);
        Assert.Null(AbsolutePath.Create(@"\\server").Parent);
        Assert.Equal("/a", (AbsolutePath.Create("/a/b") / ..).ToString());
    }

    [Fact]
    public void Names_come_from_the_normalized_path()
    {
        var file = AbsolutePath.Create("/src/app.tar.gz/");

        Assert.Equal(("app.tar.gz", "app.tar", ".gz"), (file.Name, file.NameWithoutExtension, file.Extension));
    }

    [Fact]
    public void Formats_quote_as_nuke_does()
    {
        var spaced = AbsolutePath.Create("/my dir");
        var plain = AbsolutePath.Create("/dir");

        Assert.Equal(["\"/my dir\"", "\"/my dir\"", "'/my dir'", "'/my dir'", "/my dir"], new[] { "d", "dn", "s", "sn", "nq" }.Select(spaced.ToString));
        Assert.Equal(["\"/dir\"", "/dir", "'/dir'", "/dir"], new[] { "d", "dn", "s", "sn" }.Select(plain.ToString));
        Assert.Equal("\"/a\\\"b\"", AbsolutePath.Create("/a\"b").ToString("d"));
        Assert.Equal("Format 'x' is not recognized", Assert.Throws<ArgumentException>(() => plain.ToString("x")).Message);
        Assert.Equal("/dir", $"{plain}");
    }

    [Fact]
    public void The_type_converter_resolves_a_relative_string_under_the_working_directory()
    {
        var converter = TypeDescriptor.GetConverter(typeof(AbsolutePath));

        Assert.IsType<AbsolutePath.TypeConverter>(converter);
        Assert.Equal("/etc", converter.ConvertFrom("/etc/")!.ToString());
        Assert.Equal(AbsolutePath.Create(Environment.CurrentDirectory) / "sub" / "dir", converter.ConvertFrom("sub/dir/"));
        Assert.Null(converter.ConvertFrom(null!));
        Assert.Throws<NotSupportedException>(() => converter.ConvertFrom(42));
    }
}
