using System.Net;
using System.Text.RegularExpressions;
using Groundwork.QboEmulator.Tests.Support;

namespace Groundwork.QboEmulator.Tests.Ui;

/// <summary>
/// The people UI's pages load nothing that is not served: every local asset a page names answers 200, and a page names its
/// icon (a browser asks for /favicon.ico otherwise, which the emulator does not serve: a 404 in the console).
/// </summary>
public sealed partial class UiAssetsTests
{
    [Theory]
    [InlineData("/qbo/ui")]
    [InlineData("/qbo/ui/signin")]
    [InlineData("/qbo/ui/" + TestEmulator.UsRealm)]
    [InlineData("/qbo/ui/" + TestEmulator.UsRealm + "/customers")]
    public async Task UiPage_EveryAssetItNamesAnswers200_AndItNamesItsIcon(string url)
    {
        await using var emulator = await TestEmulator.StartAsync();
        var browser = await emulator.SignedInBrowserAsync();

        var page = await browser.GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, page.Status);
        var assets = AssetReference().Matches(page.Html).Select(m => m.Groups["url"].Value).ToList();
        Assert.Contains(IconLink().Matches(page.Html), _ => true);
        foreach (var asset in assets.Where(a => !a.StartsWith("data:", StringComparison.Ordinal)))
        {
            Assert.Equal((asset, HttpStatusCode.OK), (asset, (await emulator.Client.GetAsync(asset)).StatusCode));
        }
    }

    [GeneratedRegex(@"<(?:link|script|img)\b[^>]*?\b(?:href|src)=""(?<url>[^""]+)""")]
    private static partial Regex AssetReference();

    [GeneratedRegex(@"<link\b[^>]*\brel=""(?:shortcut )?icon""[^>]*>")]
    private static partial Regex IconLink();
}
