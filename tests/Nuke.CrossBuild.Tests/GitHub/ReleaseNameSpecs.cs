using Nuke.CrossBuild.Publish.Releases;

namespace Nuke.CrossBuild.Tests.GitHub;

/// <summary>
/// The checks of the names a release puts into paths and API routes, one rule per case and at its edges (fast, no
/// server): what is refused, and that the nearest valid name is accepted. Written for the Release mutation group.
/// </summary>
public sealed class ReleaseNameSpecs
{
    [Theory]
    [InlineData("", "it is empty")]
    [InlineData("@", "'@' alone")]
    [InlineData("v1 2", "holds a space")]
    [InlineData("v1~2", "holds a space")]
    [InlineData("v1^2", "holds a space")]
    [InlineData("v1:2", "holds a space")]
    [InlineData("v1?", "holds a space")]
    [InlineData("v1*", "holds a space")]
    [InlineData("v1[2", "holds a space")]
    [InlineData("v1\\2", "holds a space")]
    [InlineData("v1\u007f", "holds a space")]
    [InlineData("v1\t2", "holds a space")]
    [InlineData("v1..2", "holds '..'")]
    [InlineData("v1@{2", "holds '@{'")]
    [InlineData("v1/2", "holds '/'")]
    [InlineData(".v1", "starts with '.'")]
    [InlineData("-v1", "starts with '.'")]
    [InlineData("v1.", "ends with '.'")]
    [InlineData("v1.lock", "ends with '.'")]
    public void Each_rule_of_a_tag_is_refused_with_its_own_reason(string tag, string reason)
    {
        var error = Assert.ThrowsAny<CrossBuildException>(() => ReleaseNames.CheckTag(tag));

        Assert.StartsWith("invalid tag '", error.Message, StringComparison.Ordinal);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        Assert.EndsWith("expected a git tag such as v1.2.3", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("v1.2.3")]
    [InlineData("v1.2.3-rc.1+build.5")]
    [InlineData("v1@2")]
    [InlineData("1.0_lock")]
    [InlineData("v1.2.lockx")]
    public void A_tag_git_accepts_is_accepted(string tag) => ReleaseNames.CheckTag(tag);

    [Fact]
    public void A_tag_of_200_characters_is_accepted_and_one_of_201_is_refused()
    {
        ReleaseNames.CheckTag("v" + new string('1', 199));

        var error = Assert.ThrowsAny<CrossBuildException>(() => ReleaseNames.CheckTag("v" + new string('1', 200)));
        Assert.Contains("longer than 200 characters", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_null_tag_repository_or_file_name_is_an_argument_error()
    {
        Assert.Throws<ArgumentNullException>(() => ReleaseNames.CheckTag(null!));
        Assert.Throws<ArgumentNullException>(() => ReleaseNames.CheckRepository(null!));
        Assert.Throws<ArgumentNullException>(() => ReleaseNames.CheckFileName(null!, "binary name"));
    }

    [Theory]
    [InlineData("acme/shop", "acme", "shop")]
    [InlineData("A-c_m.e/sh.op-2", "A-c_m.e", "sh.op-2")]
    [InlineData("a/.shop", "a", ".shop")]
    public void A_repository_is_split_into_owner_and_name(string repository, string owner, string name)
        => Assert.Equal((owner, name), ReleaseNames.CheckRepository(repository));

    [Theory]
    [InlineData("acme")]
    [InlineData("acme/shop/x")]
    [InlineData("/shop")]
    [InlineData("acme/")]
    [InlineData("./shop")]
    [InlineData("acme/.")]
    [InlineData("acme/sh op")]
    [InlineData("acme/shop\n")]
    [InlineData("acme/shop#x")]
    public void A_repository_that_is_not_owner_slash_name_is_refused_in_one_line(string repository)
    {
        var error = Assert.ThrowsAny<CrossBuildException>(() => ReleaseNames.CheckRepository(repository));

        Assert.StartsWith("invalid repository '", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("\n", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData(".")]
    [InlineData("..")]
    [InlineData("a/b")]
    [InlineData("/evil")]
    [InlineData("\\evil")]
    [InlineData("a\\b")]
    [InlineData("a:b")]
    [InlineData("a*")]
    [InlineData("a?")]
    [InlineData("a\"b")]
    [InlineData("a<b")]
    [InlineData("a>b")]
    [InlineData("a|b")]
    [InlineData("a\u0001b")]
    [InlineData("a\u2028b")]
    public void A_file_name_with_a_separator_wildcard_or_control_character_is_refused_naming_what_it_is(string name)
    {
        var error = Assert.ThrowsAny<CrossBuildException>(() => ReleaseNames.CheckFileName(name, "binary name"));

        Assert.StartsWith("invalid binary name '", error.Message, StringComparison.Ordinal);
        Assert.Contains("expected a file name", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_name_of_255_characters_is_accepted_and_one_of_256_is_refused()
    {
        ReleaseNames.CheckFileName(new string('a', 255), "binary name");
        ReleaseNames.CheckFileName("a", "binary name");
        ReleaseNames.CheckFileName("...", "binary name");
        ReleaseNames.CheckFileName("hello_1.2.3_linux_amd64.tar.gz", "binary name");

        Assert.ThrowsAny<CrossBuildException>(() => ReleaseNames.CheckFileName(new string('a', 256), "binary name"));
    }
}
