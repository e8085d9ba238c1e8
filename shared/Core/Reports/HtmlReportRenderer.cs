using System.Net;
using System.Text;

namespace CustomerValue.Reports;

/// <summary>HTML encoding of untrusted text (comments, segment names, ids) for element content and attributes.</summary>
public static class Html
{
    public static string Encode(string? text) => WebUtility.HtmlEncode(text ?? "");
}

/// <summary>
/// Renders a <see cref="ReportDocument"/> as one self-contained HTML page: inline CSS, charts as inline SVG, no
/// script and no external resource, every text encoded. The email uses the same page with charts as images.
/// </summary>
public static class HtmlReportRenderer
{
    /// <summary>No script, no outside resource: styles inline, images inline (data:) or attached (cid:).</summary>
    public const string ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src data: cid:";

    /// <param name="chartImageSource">When given, charts become &lt;img src=…&gt; (e.g. "cid:…" in an email) instead of inline SVG.</param>
    public static string Render(ReportDocument report, Func<Chart, string>? chartImageSource = null)
    {
        var h = new StringBuilder();
        h.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            // The page carries its own policy, so it stays inert when saved to disk or opened from an email.
            .Append("<meta http-equiv=\"Content-Security-Policy\" content=\"").Append(ContentSecurityPolicy).Append("\">")
            .Append("<title>").Append(Html.Encode(report.Title)).Append("</title><style>").Append(Css).Append("</style></head><body><main>");
        h.Append("<header><h1>").Append(Html.Encode(report.Title)).Append("</h1><p class=\"meta\">Generated ")
            .Append(report.GeneratedAt.ToString("yyyy-MM-dd HH:mm 'UTC'"));
        if (report.Latest is { } latest) h.Append(" · data as of ").Append(latest.AsOf.ToString("yyyy-MM-dd"));
        if (report.From is { } from && report.To is { } to) h.Append(" · period ").Append(from.ToString("yyyy-MM-dd")).Append(" to ").Append(to.ToString("yyyy-MM-dd"));
        if (report.Latest?.DataThrough is { } through) h.Append(" · newest data ").Append(through.ToString("yyyy-MM-dd"));
        h.Append("</p>");
        foreach (var warning in report.Latest?.Warnings ?? []) h.Append("<p class=\"note\">Warning: ").Append(Html.Encode(warning)).Append("</p>");
        if (report.Latest?.ClvModelStatement is { } model) h.Append("<p class=\"meta\" data-clv-model=\"").Append(Html.Encode(report.Latest.ClvModel ?? "")).Append("\">").Append(Html.Encode(model)).Append("</p>");
        h.Append("</header>");

        if (report.Latest is not null) Tiles(h, report);
        if (report.History.Count > 0) Charts(h, report, chartImageSource);
        if (report.Segments.Count > 0) SegmentTable(h, report);
        if (report.Opportunities.Count > 0) Opportunities(h, report);
        if (report.Survey is { } survey) Survey(h, survey);
        else if (report.TopAspects.Count > 0) Aspects(h, report.TopAspects);
        if (report.Customer is { } customer) Customer(h, customer);
        if (report.Latest is null && report.Segments.Count == 0 && report.Opportunities.Count == 0 && report.Survey is null && report.Customer is null)
            h.Append("<section><p class=\"empty\">No data for this report yet.</p></section>");
        h.Append("<footer>Customer value report · figures marked — are unknown for lack of data.</footer></main></body></html>");
        return h.ToString();
    }

    private static void Tiles(StringBuilder h, ReportDocument report)
    {
        h.Append("<section><h2>Key figures</h2><div class=\"tiles\">");
        foreach (var f in KpiFigure.Headline)
        {
            var current = f.Read(report.Latest!);
            var previous = report.Previous is { } p ? f.Read(p) : null;
            h.Append("<div class=\"tile\" data-figure=\"").Append(f.Name).Append("\"><div class=\"label\">").Append(Html.Encode(f.Label))
                .Append("</div><div class=\"value\">").Append(Html.Encode(FigureText.Format(current, f.Format))).Append("</div>");
            if (FigureText.Change(current, previous, f.Format) is { } change)
            {
                var better = current > previous == f.HigherIsBetter;
                var css = current == previous ? "flat" : better ? "up" : "down";
                h.Append("<div class=\"change ").Append(css).Append("\">").Append(Html.Encode(change)).Append(" since last period</div>");
            }
            else h.Append("<div class=\"change flat\">no earlier figure</div>");
            h.Append("</div>");
        }
        h.Append("</div>");
        if (report.Latest!.ChurnDefinition is { } definition) h.Append("<p class=\"note\">Churn: ").Append(Html.Encode(definition)).Append("</p>");
        h.Append("</section>");
    }

    private static void Charts(StringBuilder h, ReportDocument report, Func<Chart, string>? imageSource)
    {
        h.Append("<section><h2>Trends</h2><div class=\"charts\">");
        foreach (var figure in KpiFigure.Trends) Chart(h, LineChart.Trend(figure, report.History, report.Currency), imageSource);
        h.Append("</div></section>");
    }

    /// <summary>
    /// A chart and its values: inline SVG whose points carry their values as &lt;title&gt; (shown on hover), or an
    /// image in an email; in both, the table of the values it draws, folded under the chart in the page and open in
    /// the email (mail clients do not fold).
    /// </summary>
    public static void Chart(StringBuilder h, Chart chart, Func<Chart, string>? imageSource = null)
    {
        h.Append("<figure class=\"chart\" data-chart=\"").Append(Html.Encode(chart.Id)).Append("\">");
        if (imageSource is null) h.Append(ChartRenderer.Svg(chart));
        else h.Append("<img src=\"").Append(Html.Encode(imageSource(chart))).Append("\" width=\"").Append(chart.Width)
            .Append("\" height=\"").Append(chart.Height).Append("\" alt=\"").Append(Html.Encode(chart.Title)).Append("\">");
        if (chart.HasData)
        {
            h.Append(imageSource is null ? "<details><summary>Values</summary>" : "<figcaption>");
            ValueTable(h, chart.Table());
            h.Append(imageSource is null ? "</details>" : "</figcaption>");
        }
        h.Append("</figure>");
    }

    private static void ValueTable(StringBuilder h, ChartTable table)
    {
        h.Append("<table class=\"values\"><thead><tr>");
        foreach (var header in table.Headers) h.Append("<th>").Append(Html.Encode(header)).Append("</th>");
        h.Append("</tr></thead><tbody>");
        foreach (var row in table.Rows)
        {
            h.Append("<tr>");
            for (var i = 0; i < row.Count; i++) h.Append(i == 0 ? "<th>" : "<td class=\"num\">").Append(Html.Encode(row[i])).Append(i == 0 ? "</th>" : "</td>");
            h.Append("</tr>");
        }
        h.Append("</tbody></table>");
    }

    private static void SegmentTable(StringBuilder h, ReportDocument report)
    {
        var money = Html.Encode($" ({report.Currency})");
        h.Append("<section><h2>Segments</h2><table><thead><tr><th>Segment</th><th>Customers</th><th>Revenue").Append(money)
            .Append("</th><th>ROI</th><th>Churn</th><th>NPS (n)</th><th>CSAT (n)</th><th>Predicted CLV").Append(money).Append("</th></tr></thead><tbody>");
        foreach (var s in report.Segments)
            h.Append("<tr><td title=\"").Append(Html.Encode(s.Segment.ToString())).Append("\">").Append(Html.Encode(report.LabelOf(s.Segment))).Append("</td>")
                .Append(Num(s.Customers, FigureFormat.Count)).Append(Num((double)s.Revenue, FigureFormat.Money)).Append(Num(s.Roi, FigureFormat.Percent))
                .Append(Num(s.ChurnRate, FigureFormat.Percent)).Append(WithN(s.Nps, FigureFormat.Score, s.NpsAnswers))
                .Append(WithN(s.CsatPercent, FigureFormat.PercentPoints, s.CsatAnswers))
                .Append(Num((double?)s.AveragePredictedClv, FigureFormat.Money)).Append("</tr>");
        h.Append("</tbody></table></section>");
    }

    private static void Opportunities(StringBuilder h, ReportDocument report)
    {
        var money = Html.Encode($" ({report.Currency})");
        h.Append("<section><h2>Opportunities</h2><table><thead><tr><th>#</th><th>Segment</th><th>Customers</th><th>Revenue at risk").Append(money)
            .Append("</th><th>Churn</th><th>Value of churn cut").Append(money).Append("</th><th>Top complaints</th></tr></thead><tbody>");
        foreach (var o in report.Opportunities.OrderBy(o => o.Rank))
            h.Append("<tr>").Append(Num(o.Rank, FigureFormat.Count)).Append("<td title=\"").Append(Html.Encode(o.Segment.ToString())).Append("\">")
                .Append(Html.Encode(report.LabelOf(o.Segment))).Append("</td>")
                .Append(Num(o.Customers, FigureFormat.Count)).Append(Num((double)o.RevenueAtRisk, FigureFormat.Money))
                .Append("<td class=\"num\">").Append(Html.Encode(FigureText.Format(o.ChurnRate, FigureFormat.Percent))).Append(" <small>(all ")
                .Append(Html.Encode(FigureText.Format(o.OverallChurnRate, FigureFormat.Percent))).Append(")</small></td>")
                .Append(Num((double)o.ValueOfChurnCut, FigureFormat.Money)).Append("<td>")
                .Append(Html.Encode(string.Join(", ", o.TopComplaints.Select(a => a.Topic)))).Append("</td></tr>");
        h.Append("</tbody></table></section>");
    }

    private static void Survey(StringBuilder h, SurveySummary s)
    {
        h.Append("<section><h2>Surveys</h2><p class=\"meta\">").Append(s.Responses).Append(" responses, ")
            .Append(s.From.ToString("yyyy-MM-dd")).Append(" to ").Append(s.To.ToString("yyyy-MM-dd")).Append("</p><div class=\"tiles\">")
            .Append(Tile("NPS", FigureText.Format(s.Nps, FigureFormat.Score), $"{s.NpsAnswers} answers"))
            .Append(Tile("CSAT", FigureText.Format(s.CsatPercent, FigureFormat.PercentPoints), $"{s.CsatAnswers} answers"));
        if (s.Sentiment is { } m)
            h.Append(Tile("Positive comments", FigureText.Format(m.Positive, FigureFormat.Percent), $"{m.Responses} comments"))
                .Append(Tile("Negative comments", FigureText.Format(m.Negative, FigureFormat.Percent), $"neutral {FigureText.Format(m.Neutral, FigureFormat.Percent)}"));
        h.Append("</div>");
        if (s.Topics.Count > 0) Aspects(h, s.Topics, inSection: false);
        if (s.SampleComments.Count > 0)
        {
            h.Append("<h3>What customers said</h3><ul class=\"comments\">");
            foreach (var c in s.SampleComments) h.Append("<li>").Append(Html.Encode(c)).Append("</li>");
            h.Append("</ul>");
        }
        h.Append("</section>");
    }

    private static void Aspects(StringBuilder h, IReadOnlyList<AspectSummary> aspects, bool inSection = true)
    {
        if (inSection) h.Append("<section>");
        h.Append("<h2>Top aspects</h2><table><thead><tr><th>Topic</th><th>Mentions</th><th>Positive</th><th>Negative</th><th>Mean sentiment</th></tr></thead><tbody>");
        foreach (var a in aspects)
            h.Append("<tr><td>").Append(Html.Encode(a.Topic)).Append("</td>").Append(Num(a.Mentions, FigureFormat.Count)).Append(Num(a.Positive, FigureFormat.Count))
                .Append(Num(a.Negative, FigureFormat.Count)).Append("<td class=\"num ").Append(a.MeanCompound >= 0.05 ? "up" : a.MeanCompound <= -0.05 ? "down" : "flat")
                .Append("\">").Append(a.MeanCompound.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture)).Append("</td></tr>");
        h.Append("</tbody></table>");
        if (inSection) h.Append("</section>");
    }

    private static void Customer(StringBuilder h, CustomerReport c)
    {
        h.Append("<section><h2>Customer ").Append(Html.Encode(c.CustomerId)).Append("</h2><table><tbody>");
        Row(h, "Email", c.Email ?? FigureText.Unknown);
        Row(h, "Name", c.Name ?? FigureText.Unknown);
        Row(h, "Orders", FigureText.Format(c.Orders, FigureFormat.Count));
        Row(h, "Revenue", FigureText.Format((double)c.Revenue, FigureFormat.Money));
        Row(h, "ROI", FigureText.Format(c.Roi, FigureFormat.Percent));
        Row(h, "Historical CLV", FigureText.Format((double?)c.HistoricalClv, FigureFormat.Money));
        Row(h, "Predicted CLV", FigureText.Format((double?)c.PredictedClv, FigureFormat.Money));
        Row(h, "Probability alive", FigureText.Format(c.ProbabilityAlive, FigureFormat.Percent));
        Row(h, "First purchase", c.FirstPurchase?.ToString("yyyy-MM-dd") ?? FigureText.Unknown);
        Row(h, "Last purchase", c.LastPurchase?.ToString("yyyy-MM-dd") ?? FigureText.Unknown);
        Row(h, "Segments", string.Join(", ", c.Segments));
        foreach (var (k, v) in c.Attributes) Row(h, k, v);
        h.Append("</tbody></table></section>");
    }

    private static void Row(StringBuilder h, string label, string value) =>
        h.Append("<tr><th>").Append(Html.Encode(label)).Append("</th><td>").Append(Html.Encode(value)).Append("</td></tr>");

    private static string Tile(string label, string value, string note) =>
        $"<div class=\"tile\"><div class=\"label\">{Html.Encode(label)}</div><div class=\"value\">{Html.Encode(value)}</div><div class=\"change flat\">{Html.Encode(note)}</div></div>";

    /// <summary>A rate with the count behind it, "66.7 (n = 3)"; no count when the rate is unknown or the count was not recorded.</summary>
    private static string WithN(double? value, FigureFormat format, int n) => value is { } v && double.IsFinite(v) && n > 0
        ? $"<td class=\"num\">{Html.Encode(FigureText.Format(v, format))} <small>(n = {n.ToString("#,0", System.Globalization.CultureInfo.InvariantCulture)})</small></td>"
        : Num(value, format);

    private static string Num(double? value, FigureFormat format) => $"<td class=\"num\">{Html.Encode(FigureText.Format(value, format))}</td>";

    private const string Css =
        "body{margin:0;background:#f3f4f6;color:#111827;font:14px/1.45 -apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif}" +
        "main{max-width:1100px;margin:0 auto;padding:24px}header h1{margin:0 0 4px;font-size:24px}.meta,.note{color:#6b7280;margin:0 0 12px}" +
        "section{background:#fff;border-radius:10px;padding:16px 20px;margin:16px 0;box-shadow:0 1px 2px rgba(0,0,0,.06)}" +
        "h2{font-size:17px;margin:0 0 12px}.tiles+h2{margin-top:20px}h3{font-size:15px;margin:16px 0 8px}" +
        ".tiles{display:grid;grid-template-columns:repeat(auto-fill,minmax(170px,1fr));gap:12px}" +
        ".tile{border:1px solid #e5e7eb;border-radius:8px;padding:10px 12px}.tile .label{color:#6b7280;font-size:12px;text-transform:uppercase;letter-spacing:.03em}" +
        ".tile .value{font-size:24px;font-weight:650;margin:2px 0}.change{font-size:12px}.up{color:#047857}.down{color:#b91c1c}.flat{color:#6b7280}" +
        ".charts{display:grid;grid-template-columns:repeat(auto-fill,minmax(480px,1fr));gap:12px}figure{margin:0}figure svg,figure img{max-width:100%;height:auto}" +
        "figcaption,details{font-size:12px;color:#4b5563}summary{cursor:pointer}table.values th,table.values td{padding:2px 6px}" +
        "table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:6px 8px;border-bottom:1px solid #e5e7eb;vertical-align:top}" +
        "thead th{font-size:12px;color:#6b7280;text-transform:uppercase}td.num{text-align:right;font-variant-numeric:tabular-nums}" +
        ".comments li{margin:4px 0;color:#374151}.empty{color:#6b7280}footer{color:#9ca3af;font-size:12px;text-align:center;margin:24px 0}";
}
