using Nuke.CrossBuild.Buildx;

namespace Nuke.CrossBuild.Tests.Buildx;

/// <summary>Cache values in buildx's own syntax, as users and the generated workflows write them on the command line.</summary>
public sealed class BuildxCacheParseSpecs
{
    [Theory]
    [InlineData("type=gha,scope=linux_arm64,mode=max", "type=gha,scope=linux_arm64,mode=max")]
    [InlineData("type=registry,ref=ghcr.io/acme/app:cache", "type=registry,ref=ghcr.io/acme/app:cache")]
    [InlineData("ghcr.io/acme/app:cache", "type=registry,ref=ghcr.io/acme/app:cache")]
    [InlineData("scope=x,type=local,src=/tmp/c", "type=local,scope=x,src=/tmp/c")]
    public void A_cache_value_parses_to_its_typed_form_and_renders_back(string text, string rendered)
        => Assert.Equal(rendered, BuildxCache.Parse(text).ToString());

    [Theory]
    [InlineData("scope=x,mode=max", "expected a type= field")]
    [InlineData("type=gha,,mode=max", "got a field without key=value")]
    [InlineData("type=gha,scope=\"a,b\"", "without quotes or control characters")]
    [InlineData("", "expected type=<backend>")]
    public void A_malformed_cache_value_is_one_line_saying_what_was_expected(string text, string message)
    {
        var error = Assert.Throws<SettingsException>(() => BuildxCache.Parse(text));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }
}
