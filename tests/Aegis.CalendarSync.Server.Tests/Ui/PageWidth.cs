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
        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, window.innerWidth]");
        Assert.True(widths[0] <= widths[1], $"{path} is {widths[0]} px wide in a {widths[1]} px viewport");
    }
}
