using System.IO.Compression;
using CustomerValue.Reports;

namespace CustomerValue.Tests.Reports;

public sealed class PngChartWriterTests
{
    private static (int Width, int Height, byte[] Rows) Decode(byte[] png)
    {
        Assert.Equal(new byte[] { 137, 80, 78, 71, 13, 10, 26, 10 }, png[..8]);
        int width = 0, height = 0;
        using var idat = new MemoryStream();
        for (var at = 8; at < png.Length;)
        {
            var length = (png[at] << 24) | (png[at + 1] << 16) | (png[at + 2] << 8) | png[at + 3];
            var type = System.Text.Encoding.ASCII.GetString(png, at + 4, 4);
            if (type == "IHDR")
            {
                width = (png[at + 8] << 24) | (png[at + 9] << 16) | (png[at + 10] << 8) | png[at + 11];
                height = (png[at + 12] << 24) | (png[at + 13] << 16) | (png[at + 14] << 8) | png[at + 15];
            }
            if (type == "IDAT") idat.Write(png, at + 8, length);
            at += 12 + length;
        }
        idat.Position = 0;
        using var rows = new MemoryStream();
        using (var z = new ZLibStream(idat, CompressionMode.Decompress)) z.CopyTo(rows);
        return (width, height, rows.ToArray());
    }

    [Fact]
    public void The_chart_is_a_valid_png_at_twice_the_css_size_with_the_line_drawn_through_its_points()
    {
        var day = new DateOnly(2026, 1, 1);
        var chart = new TrendChart("c", "NPS", [new(day, 10), new(day.AddDays(1), null), new(day.AddDays(2), 30)], FigureFormat.Score);

        var png = PngChartWriter.Write(chart);
        var (width, height, rows) = Decode(png);

        Assert.Equal((720, 320), (width, height));
        Assert.Equal(height * (1 + width * 3), rows.Length);
        Assert.Equal(new byte[] { 0xAE, 0x42, 0x60, 0x82 }, png[^4..]); // the well-known CRC of an empty IEND chunk
        // The first point is at the left edge of the plot, x = 52 CSS px; its value 10 is the lowest, so near the bottom.
        (byte, byte, byte) Pixel(double cssX, double cssY)
        {
            int x = (int)Math.Round(cssX * 2), y = (int)Math.Round(cssY * 2), i = y * (1 + width * 3) + 1 + x * 3;
            return (rows[i], rows[i + 1], rows[i + 2]);
        }
        Assert.Equal((37, 99, 235), Pixel(chart.X(0), chart.Y(10)));
        Assert.Equal((37, 99, 235), Pixel(chart.X(2), chart.Y(30)));
        Assert.Equal((255, 255, 255), Pixel(chart.X(1), chart.Y(15))); // the gap is not bridged (and 15 is off the grid lines)
    }
}
