using ScottPlot;
using SkiaSharp;

namespace CustomerValue.Reports;

/// <summary>
/// The charts' one font, Liberation Sans 2.1.5 (SIL OFL 1.1, Charts/Fonts/LICENSE.txt), shipped inside the assembly so
/// that text draws the same on a machine without any system font. It is metric-compatible with Arial, so the browser
/// places the SVG's glyphs where the rasteriser did even when it falls back to Arial or Helvetica.
/// </summary>
internal static class ChartFonts
{
    public const string Family = "Liberation Sans";
    /// <summary>The font-family the SVG carries: the shipped font first, then its metric twins.</summary>
    public const string CssFamily = "'Liberation Sans', Arial, Helvetica, sans-serif";

    private static readonly Lazy<bool> Registered = new(() =>
    {
        // First in the list so that a system copy of another version of the family does not take over.
        Fonts.FontResolvers.Insert(0, new EmbeddedFontResolver(Load("LiberationSans-Regular.ttf"), Load("LiberationSans-Bold.ttf")));
        return true;
    }, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Registers the shipped font with the charting library, once per process.</summary>
    public static void EnsureRegistered() => _ = Registered.Value;

    private static byte[] Load(string file)
    {
        var name = $"CustomerValue.Reports.Fonts.{file}";
        using var stream = typeof(ChartFonts).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The chart font resource '{name}' is missing from the assembly.");
        using var bytes = new MemoryStream();
        stream.CopyTo(bytes);
        using var probe = SKTypeface.FromData(SKData.CreateCopy(bytes.ToArray()))
            ?? throw new InvalidOperationException($"The chart font resource '{name}' is not a font.");
        return bytes.ToArray();
    }

    /// <summary>A new typeface per request: the library owns (and may dispose) what a resolver returns.</summary>
    private sealed class EmbeddedFontResolver(byte[] regular, byte[] bold) : IFontResolver
    {
        public SKTypeface? CreateTypeface(string fontName, bool isBold, bool italic) =>
            string.Equals(fontName, Family, StringComparison.OrdinalIgnoreCase)
                ? SKTypeface.FromData(SKData.CreateCopy(isBold ? bold : regular))
                : null;

        public SKTypeface? CreateTypeface(string fontName, FontWeight weight, FontSlant slant, FontSpacing width) =>
            CreateTypeface(fontName, weight >= FontWeight.SemiBold, slant != FontSlant.Upright);
    }
}
