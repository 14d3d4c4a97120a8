using Microsoft.Playwright;

namespace Aegis.CalendarSync.Server.Tests.Ui;

/// <summary>Phone-width checks: the page must not scroll sideways.</summary>
public static class PageWidth
{
    public const int Phone = 375;

    /// <summary>Resizes to a 375 px wide viewport, reloads <paramref name="path"/> and asserts that the document is no
    /// wider than the viewport (scrollWidth &lt;= innerWidth).</summary>
    public static async Task AssertNoSidewaysScrollAsync(IPage page, string path)
    {
        await page.SetViewportSizeAsync(Phone, 812);
        await page.GotoAsync(path);
        var (scrollWidth, innerWidth) = await WidthsAsync(page);
        Assert.True(scrollWidth <= innerWidth, $"{path} is {scrollWidth} px wide in a {innerWidth} px viewport");
    }

    /// <summary>The document's scroll width and the viewport's width, in CSS pixels.</summary>
    public static async Task<(int ScrollWidth, int InnerWidth)> WidthsAsync(IPage page)
    {
        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, window.innerWidth]");
        return (widths[0], widths[1]);
    }
}
