using CustomerValue.Reports;
using SkiaSharp;

namespace CustomerValue.Tests.Reports;

/// <summary>Reading chart PNGs back: the header as written, and dark (text) pixels in a region.</summary>
internal static class PngImages
{
    /// <summary>Width and height from the IHDR chunk, which must follow the PNG signature.</summary>
    public static (int Width, int Height) Header(byte[] png)
    {
        Assert.Equal(new byte[] { 137, 80, 78, 71, 13, 10, 26, 10 }, png[..8]);
        Assert.Equal("IHDR", System.Text.Encoding.ASCII.GetString(png, 12, 4));
        static int BigEndian(byte[] b, int at) => (b[at] << 24) | (b[at + 1] << 16) | (b[at + 2] << 8) | b[at + 3];
        return (BigEndian(png, 16), BigEndian(png, 20));
    }

    public static bool IsDark(SKColor c) => c.Alpha > 128 && c.Red + c.Green + c.Blue < 3 * 110;

    /// <summary>Dark pixels in a rectangle of the image given in CSS pixels.</summary>
    public static int DarkPixels(SKBitmap image, int left, int top, int width, int height)
    {
        var dark = 0;
        for (var y = top * ChartRenderer.PngScale; y < (top + height) * ChartRenderer.PngScale; y++)
            for (var x = left * ChartRenderer.PngScale; x < (left + width) * ChartRenderer.PngScale; x++)
                if (IsDark(image.GetPixel(x, y))) dark++;
        return dark;
    }

    /// <summary>Dark pixels where a trend chart's title, y-axis label and x-axis label are drawn.</summary>
    public static (int Title, int YLabel, int XLabel) TrendTextPixels(SKBitmap image, int width, int height) =>
        (DarkPixels(image, width / 2 - 60, 0, 120, 28), DarkPixels(image, 0, 60, 22, height - 120), DarkPixels(image, width / 2 - 60, height - 20, 120, 20));
}
