using System.IO.Compression;

namespace CustomerValue.Reports;

/// <summary>
/// Draws a <see cref="TrendChart"/> as a PNG without any graphics library: grid lines, the trend line and its
/// points, at twice the CSS size for sharp screens. No text is drawn (no font engine): mail clients that refuse
/// SVG (most webmail) show this, and the HTML around it carries the title and the range as text.
/// </summary>
public static class PngChartWriter
{
    public const int Scale = 2;
    private static readonly (byte R, byte G, byte B) Background = (255, 255, 255), Grid = (229, 231, 235), Line = (37, 99, 235);

    public static byte[] Write(TrendChart chart)
    {
        int width = TrendChart.Width * Scale, height = TrendChart.Height * Scale;
        var pixels = new byte[width * height * 3];
        for (var i = 0; i < pixels.Length; i += 3) (pixels[i], pixels[i + 1], pixels[i + 2]) = Background;
        if (chart.HasData)
        {
            var (min, max) = chart.Range();
            foreach (var tick in new[] { min, (min + max) / 2, max })
            {
                var y = (int)Math.Round(chart.Y(tick) * Scale);
                for (var x = TrendChart.Left * Scale; x < (TrendChart.Width - TrendChart.Right) * Scale; x++) Set(pixels, width, height, x, y, Grid);
            }
            foreach (var run in chart.Segments())
            {
                for (var i = 1; i < run.Count; i++) Stroke(pixels, width, height, run[i - 1], run[i], 1.2 * Scale);
                foreach (var p in run) Disc(pixels, width, height, p.X * Scale, p.Y * Scale, 3 * Scale);
            }
        }
        return Encode(pixels, width, height);
    }

    private static void Stroke(byte[] px, int w, int h, (double X, double Y) a, (double X, double Y) b, double radius)
    {
        var steps = (int)Math.Ceiling(Math.Max(Math.Abs(b.X - a.X), Math.Abs(b.Y - a.Y)) * Scale * 2) + 1;
        for (var s = 0; s <= steps; s++)
        {
            var t = s / (double)steps;
            Disc(px, w, h, (a.X + (b.X - a.X) * t) * Scale, (a.Y + (b.Y - a.Y) * t) * Scale, radius);
        }
    }

    private static void Disc(byte[] px, int w, int h, double cx, double cy, double r)
    {
        for (var y = (int)(cy - r); y <= (int)(cy + r) + 1; y++)
            for (var x = (int)(cx - r); x <= (int)(cx + r) + 1; x++)
                if ((x - cx) * (x - cx) + (y - cy) * (y - cy) <= r * r) Set(px, w, h, x, y, Line);
    }

    private static void Set(byte[] px, int w, int h, int x, int y, (byte R, byte G, byte B) c)
    {
        if ((uint)x >= (uint)w || (uint)y >= (uint)h) return;
        var i = (y * w + x) * 3;
        (px[i], px[i + 1], px[i + 2]) = c;
    }

    /// <summary>PNG: signature, IHDR (8-bit RGB), one zlib IDAT with filter 0 per row, IEND.</summary>
    private static byte[] Encode(byte[] rgb, int width, int height)
    {
        using var raw = new MemoryStream();
        using (var z = new ZLibStream(raw, CompressionLevel.Optimal, leaveOpen: true))
            for (var y = 0; y < height; y++)
            {
                z.WriteByte(0);
                z.Write(rgb, y * width * 3, width * 3);
            }
        using var png = new MemoryStream();
        png.Write([137, 80, 78, 71, 13, 10, 26, 10]);
        var header = new byte[13];
        BigEndian(header, 0, (uint)width);
        BigEndian(header, 4, (uint)height);
        (header[8], header[9]) = (8, 2);
        Chunk(png, "IHDR", header);
        Chunk(png, "IDAT", raw.ToArray());
        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    private static void Chunk(Stream png, string type, byte[] data)
    {
        var buffer = new byte[12 + data.Length];
        BigEndian(buffer, 0, (uint)data.Length);
        for (var i = 0; i < 4; i++) buffer[4 + i] = (byte)type[i];
        data.CopyTo(buffer, 8);
        BigEndian(buffer, 8 + data.Length, Crc32(buffer.AsSpan(4, 4 + data.Length)));
        png.Write(buffer);
    }

    private static void BigEndian(byte[] b, int at, uint v) => (b[at], b[at + 1], b[at + 2], b[at + 3]) = ((byte)(v >> 24), (byte)(v >> 16), (byte)(v >> 8), (byte)v);

    private static readonly uint[] CrcTable = Enumerable.Range(0, 256).Select(n =>
    {
        var c = (uint)n;
        for (var k = 0; k < 8; k++) c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
        return c;
    }).ToArray();

    private static uint Crc32(ReadOnlySpan<byte> data)
    {
        var c = 0xFFFFFFFFu;
        foreach (var b in data) c = CrcTable[(c ^ b) & 0xFF] ^ (c >> 8);
        return c ^ 0xFFFFFFFFu;
    }
}
