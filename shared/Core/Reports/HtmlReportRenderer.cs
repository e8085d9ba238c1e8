using System.Net;
using System.Text;
using CustomerValue.Segments;

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
        // Pages that show figures the warnings affect carry them; the drivers page is given none.
        if (report.Insights is { Warnings.Count: > 0 } warned) Warnings(h, warned.Warnings);
        if (report.Segments.Count > 0) SegmentTable(h, report);
        if (report.Segments.Count > 0) SupportAgainstSatisfaction(h, report, chartImageSource);
        if (report.Opportunities.Count > 0) Opportunities(h, report);
        if (report.Insights is { } insights)
        {
            if (insights.KeyDrivers.Count > 0) Drivers(h, insights, chartImageSource);
            if (insights.Lifecycle is not null || report.Latest is not null) Lifecycle(h, insights, report.Currency, chartImageSource);
            if (insights.Acquisition.Count > 0) Acquisition(h, insights, report, chartImageSource);
            if (report.Latest is not null) Method(h, insights, report);
        }
        if (report.Cohorts is { } cohorts) Cohorts(h, cohorts, chartImageSource);
        if (report.Survey is { } survey) Survey(h, survey, report.Currency, chartImageSource);
        else if (report.TopAspects.Count > 0) Aspects(h, report.TopAspects);
        if (report.Customer is { } customer) Customer(h, customer, report.Currency);
        if (report.Latest is null && report.Segments.Count == 0 && report.Opportunities.Count == 0 && report.Survey is null && report.Customer is null
            && report.Insights is null && report.Cohorts is null)
            h.Append("<section><p class=\"empty\">No data for this report yet.</p></section>");
        h.Append("<footer>Customer value report · figures marked — are unknown for lack of data.</footer></main></body></html>");
        return h.ToString();
    }

    /// <summary>
    /// The weekly brief (the email): what changed and why, the three biggest opportunities in money with what those
    /// customers complain about, the key drivers, where the numbers came from, and a link to the full report. No segment table.
    /// </summary>
    public static string RenderBrief(ReportDocument report, Func<Chart, string>? chartImageSource = null)
    {
        var h = new StringBuilder();
        h.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">")
            .Append("<meta http-equiv=\"Content-Security-Policy\" content=\"").Append(ContentSecurityPolicy).Append("\">")
            .Append("<title>").Append(Html.Encode(report.Title)).Append("</title><style>").Append(Css).Append("</style></head><body><main>");
        h.Append("<header><h1>").Append(Html.Encode(report.Title)).Append("</h1><p class=\"meta\">");
        h.Append(report.Latest is { } latest ? "Data as of " + latest.AsOf.ToString("yyyy-MM-dd") : "No KPI snapshot has been taken yet.");
        if (report.FullReportUrl is { } url)
            h.Append(" · <a data-link=\"full-report\" href=\"").Append(Html.Encode(url)).Append("\">Open the full report</a>");
        h.Append("</p></header>");
        if (report.Latest is not null)
        {
            Tiles(h, report);
            Movers(h, report);
        }
        var top = report.Opportunities.OrderBy(o => o.Rank).Take(3).ToList();
        if (top.Count > 0)
        {
            var drivers = report.Insights?.KeyDrivers ?? [];
            h.Append("<section data-section=\"opportunities\"><h2>The three biggest opportunities</h2><ol class=\"sentences\">");
            foreach (var o in top)
                h.Append("<li data-opportunity=\"").Append(o.Rank).Append("\">").Append(Html.Encode(OpportunityText.Sentence(o, report.LabelOf(o.Segment), report.Currency, drivers))).Append("</li>");
            h.Append("</ol>");
            Chart(h, new BarChart("opportunities", "Revenue at risk, biggest opportunities", "Segment", ChartAxis.Money("Revenue at risk", report.Currency),
                [.. top.Select(o => new ChartBar(report.LabelOf(o.Segment), (double)o.RevenueAtRisk, o.Customers))]), chartImageSource);
            h.Append("<p class=\"note\">").Append(Html.Encode(OpportunityText.RevenueAtRiskDefinition)).Append("</p></section>");
        }
        if (report.Insights is { } economics && AcquisitionText.BriefLines(economics.Acquisition, report.LabelOf, report.Currency) is { Count: > 0 } acquisition)
        {
            h.Append("<section data-section=\"acquisition\"><h2>Acquisition</h2><ul>");
            foreach (var line in acquisition) h.Append("<li>").Append(Html.Encode(line)).Append("</li>");
            h.Append("</ul><p class=\"note\">").Append(Html.Encode(AcquisitionText.FullReportPointer)).Append("</p></section>");
        }
        if (report.Insights is { KeyDrivers.Count: > 0 } insights)
        {
            h.Append("<section data-section=\"drivers\"><h2>Key drivers of churn</h2><ul>");
            foreach (var d in insights.Drivers.Where(d => d.Outcome == KeyDriverNames.Churn).OrderBy(d => d.Significant ? 0 : 1).ThenByDescending(d => Math.Abs(d.Effect)).Take(3))
                h.Append("<li>").Append(Html.Encode($"{d.Label}: {d.Evidence}{(d.Significant ? "" : ", not clear at the 5 % level")}")).Append("</li>");
            h.Append("</ul><p class=\"note\">").Append(Html.Encode(DriverEffect.Definition)).Append("</p></section>");
        }
        if (report.History.Count > 0) Charts(h, report, chartImageSource);
        if (report.Insights is { } method)
        {
            if (method.Warnings.Count > 0) Warnings(h, method.Warnings);
            Method(h, method, report);
        }
        h.Append("<footer>Customer value brief");
        if (report.FullReportUrl is { } link) h.Append(" · every segment and figure in the <a href=\"").Append(Html.Encode(link)).Append("\">full report</a>");
        h.Append("</footer></main></body></html>");
        return h.ToString();
    }

    /// <summary>Why the figures moved: the segments whose revenue changed most since the last snapshot.</summary>
    internal static IReadOnlyList<(SegmentKpis Segment, double RevenueChange)> TopMovers(ReportDocument report) =>
        report.Segments.Where(s => s.Segment != SegmentKey.Everyone && s.ChangeSincePrevious.ContainsKey(nameof(SegmentKpis.Revenue)))
            .Select(s => (s, s.ChangeSincePrevious[nameof(SegmentKpis.Revenue)]))
            .OrderByDescending(x => Math.Abs(x.Item2)).ThenBy(x => x.s.Segment.ToString(), StringComparer.Ordinal).Take(3).ToList();

    /// <summary>"Plan basic: revenue +12,000.00, churn -1.5 pts" for the biggest movers.</summary>
    internal static string MoverText(ReportDocument report, SegmentKpis s, double revenueChange)
    {
        var text = $"{report.LabelOf(s.Segment)}: revenue {FigureText.Change(revenueChange, 0, FigureFormat.Money)} {report.Currency}";
        if (s.ChangeSincePrevious.TryGetValue(nameof(SegmentKpis.ChurnRate), out var churn)) text += $", churn {FigureText.Change(churn, 0, FigureFormat.Percent)}";
        if (s.ChangeSincePrevious.TryGetValue(nameof(SegmentKpis.Customers), out var customers)) text += $", customers {FigureText.Change(customers, 0, FigureFormat.Count)}";
        return text;
    }

    private static void Movers(StringBuilder h, ReportDocument report)
    {
        var movers = TopMovers(report);
        if (movers.Count == 0) return;
        h.Append("<section data-section=\"changes\"><h2>Why it changed</h2><p class=\"note\">The segments whose revenue moved most since the last snapshot.</p><ul>");
        foreach (var (s, change) in movers) h.Append("<li>").Append(Html.Encode(MoverText(report, s, change))).Append("</li>");
        h.Append("</ul></section>");
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
        MoreFigures(h, report.Latest!, report.Currency);
        h.Append("</section>");
    }

    /// <summary>The snapshot's other figures, folded under the tiles.</summary>
    private static void MoreFigures(StringBuilder h, Kpis.KpiSnapshot k, string currency)
    {
        h.Append("<details data-section=\"more-figures\"><summary>All figures of this snapshot</summary><table><tbody>");
        Row(h, "Orders", FigureText.Format(k.Orders, FigureFormat.Count));
        Row(h, "Gross revenue", ReportCurrency.Format((double)k.GrossRevenue, currency));
        Row(h, "Refunds", ReportCurrency.Format((double)k.Refunds, currency));
        Row(h, "Subscription revenue", ReportCurrency.Format((double)k.SubscriptionRevenue, currency));
        Row(h, "Revenue (transactions and subscriptions)", ReportCurrency.Format((double)k.Revenue, currency));
        Row(h, "Average transaction size", ReportCurrency.Format((double)k.AverageTransactionSize, currency));
        Row(h, "Repeat customer rate", FigureText.Format(k.RepeatCustomerRate, FigureFormat.Percent));
        Row(h, "Active window", $"{k.ActiveWindowDays} days");
        Row(h, "First purchase", k.FirstPurchase?.ToString("yyyy-MM-dd") ?? FigureText.Unknown);
        Row(h, "Last purchase", k.LastPurchase?.ToString("yyyy-MM-dd") ?? FigureText.Unknown);
        Row(h, "Cost", ReportCurrency.Format((double?)k.Cost, currency));
        Row(h, "Retention rate", FigureText.Format(k.RetentionRate, FigureFormat.Percent));
        Row(h, "Average predicted CLV", ReportCurrency.Format((double?)k.AveragePredictedClv, currency));
        Row(h, "Revenue at risk", ReportCurrency.Format((double?)k.RevenueAtRisk, currency));
        Row(h, "Average comment sentiment", k.AverageSentiment is { } v ? DriverEffect.F(v) : FigureText.Unknown);
        h.Append("</tbody></table></details>");
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
        h.Append("<section><h2>Segments</h2><div class=\"wide\"><table><thead><tr><th>Segment</th><th>Customers</th><th>Revenue").Append(money)
            .Append("</th><th>Cost").Append(money).Append("</th><th>ROI</th><th>Churn</th><th>Retention</th><th>Revenue at risk").Append(money)
            .Append("</th><th>NPS (n)</th><th>Promoters / passives / detractors</th><th>CSAT (n)</th><th>Historical CLV").Append(money).Append("</th><th>Predicted CLV").Append(money)
            .Append("</th><th>Support cost per customer").Append(money).Append("</th><th>Support cost per ticket opener").Append(money)
            .Append("</th><th>Transaction revenue").Append(money).Append("</th><th>Subscription revenue").Append(money).Append("</th><th>Comments +/− (n)</th><th>Praised</th><th>Complaints</th><th>Change since last snapshot</th></tr></thead><tbody>");
        foreach (var s in report.Segments)
            h.Append("<tr><td title=\"").Append(Html.Encode(s.Segment.ToString())).Append("\">").Append(Html.Encode(report.LabelOf(s.Segment))).Append("</td>")
                .Append(Num(s.Customers, FigureFormat.Count)).Append(Num((double)s.Revenue, FigureFormat.Money)).Append(Num((double?)s.Cost, FigureFormat.Money))
                .Append(Num(s.Roi, FigureFormat.Percent)).Append(Num(s.ChurnRate, FigureFormat.Percent)).Append(Num(s.RetentionRate, FigureFormat.Percent))
                .Append(Num((double?)s.RevenueAtRisk, FigureFormat.Money))
                .Append(WithN(s.Nps, FigureFormat.Score, s.NpsAnswers)).Append(NpsSplit(s)).Append(WithN(s.CsatPercent, FigureFormat.PercentPoints, s.CsatAnswers))
                .Append(Num((double?)s.AverageHistoricalClv, FigureFormat.Money)).Append(Num((double?)s.AveragePredictedClv, FigureFormat.Money))
                .Append(Num((double?)s.SupportCostPerCustomer, FigureFormat.Money)).Append(Num((double?)s.SupportCostPerTicketOpener, FigureFormat.Money))
                .Append(Num((double)s.TransactionRevenue, FigureFormat.Money)).Append(Num((double)s.SubscriptionRevenue, FigureFormat.Money))
                .Append(s.Sentiment is { } m
                    ? $"<td class=\"num\">{Html.Encode(FigureText.Format(m.Positive, FigureFormat.Percent))} / {Html.Encode(FigureText.Format(m.Negative, FigureFormat.Percent))} <small>(n = {m.Responses})</small></td>"
                    : Num(null, FigureFormat.Percent))
                .Append("<td>").Append(Html.Encode(string.Join(", ", s.TopPositiveAspects.Select(a => a.Topic)))).Append("</td><td>")
                .Append(Html.Encode(string.Join(", ", s.TopNegativeAspects.Select(a => a.Topic)))).Append("</td><td>")
                .Append(Html.Encode(string.Join(", ", s.ChangeSincePrevious.OrderBy(c => c.Key, StringComparer.Ordinal)
                    .Select(c => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{c.Key} {c.Value:+0.###;-0.###;0}"))))).Append("</td></tr>");
        h.Append("</tbody></table></div>");
        if (report.Segments.Select(s => s.ChurnDefinition).FirstOrDefault(d => d is not null) is { } churn)
            h.Append("<p class=\"note\">Churn: ").Append(Html.Encode(churn)).Append(" Figures of snapshot ")
                .Append(report.Segments[0].Period.ToString("yyyy-MM-dd")).Append(".</p>");
        h.Append("</section>");
    }

    private static void Opportunities(StringBuilder h, ReportDocument report)
    {
        var money = Html.Encode($" ({report.Currency})");
        h.Append("<section><h2>Opportunities</h2><table><thead><tr><th>#</th><th>Segment</th><th>Customers</th><th>Revenue at risk").Append(money)
            .Append("</th><th>Churn</th><th>Value of churn cut").Append(money).Append("</th><th>Top complaints</th></tr></thead><tbody>");
        foreach (var o in report.Opportunities.OrderBy(o => o.Rank))
            h.Append("<tr data-rank=\"").Append(o.Rank).Append("\">").Append(Num(o.Rank, FigureFormat.Count)).Append("<td title=\"").Append(Html.Encode(o.Segment.ToString())).Append("\">")
                .Append(Html.Encode(report.LabelOf(o.Segment))).Append("</td>")
                .Append(Num(o.Customers, FigureFormat.Count)).Append(Num((double)o.RevenueAtRisk, FigureFormat.Money))
                .Append("<td class=\"num\">").Append(Html.Encode(FigureText.Format(o.ChurnRate, FigureFormat.Percent))).Append(" <small>(all ")
                .Append(Html.Encode(FigureText.Format(o.OverallChurnRate, FigureFormat.Percent))).Append(")</small></td>")
                .Append("<td class=\"num\">").Append(Html.Encode(FigureText.Format((double)o.ValueOfChurnCut, FigureFormat.Money))).Append(" <small>(churn −")
                .Append(Html.Encode(FigureText.Format(o.ChurnCutPoints, FigureFormat.Score))).Append(" pts)</small></td><td>")
                .Append(Html.Encode(string.Join(", ", o.TopComplaints.Select(a => a.Topic)))).Append("</td></tr>");
        h.Append("</tbody></table>");
        var drivers = report.Insights?.KeyDrivers ?? [];
        h.Append("<h3>What to act on</h3><ol class=\"sentences\">");
        foreach (var o in report.Opportunities.OrderBy(o => o.Rank).Take(5))
            h.Append("<li data-opportunity=\"").Append(o.Rank).Append("\">").Append(Html.Encode(OpportunityText.Sentence(o, report.LabelOf(o.Segment), report.Currency, drivers))).Append("</li>");
        h.Append("</ol><p class=\"note\">").Append(Html.Encode(OpportunityText.RevenueAtRiskDefinition)).Append("</p></section>");
    }

    private static void Warnings(StringBuilder h, IReadOnlyList<string> warnings)
    {
        h.Append("<section class=\"warnings\" data-section=\"warnings\"><h2>Data and allocation warnings</h2><p class=\"note\">These affect the cost, ROI and value figures of this report.</p><ul>");
        foreach (var w in warnings) h.Append("<li>").Append(Html.Encode(w)).Append("</li>");
        h.Append("</ul></section>");
    }

    private static void SupportAgainstSatisfaction(StringBuilder h, ReportDocument report, Func<Chart, string>? imageSource)
    {
        var points = report.Segments
            .Where(s => s.Segment != SegmentKey.Everyone && s.SupportCostPerCustomer is not null && s.CsatPercent is not null)
            .Select(s => new ScatterPoint(report.LabelOf(s.Segment), (double)s.SupportCostPerCustomer!.Value, s.CsatPercent!.Value, s.CsatAnswers > 0 ? s.CsatAnswers : s.Customers))
            .ToList();
        if (points.Count == 0) return;
        h.Append("<section data-section=\"support\"><h2>Support cost against satisfaction</h2>");
        Chart(h, new ScatterChart("support-vs-csat", "Support cost per customer against CSAT, by segment",
            ChartAxis.Money("Support cost per customer", report.Currency), ChartAxis.Percent("CSAT (satisfied share)"), points), imageSource);
        h.Append("</section>");
    }

    private static void Drivers(StringBuilder h, SnapshotInsights insights, Func<Chart, string>? imageSource)
    {
        var drivers = insights.Drivers;
        h.Append("<section data-section=\"drivers\"><h2>Key drivers</h2><table><thead><tr><th>Driver</th><th>Outcome</th><th>Effect (r)</th><th>95 % interval</th><th>p-value</th><th>n</th><th>Method</th></tr></thead><tbody>");
        foreach (var d in drivers)
            h.Append("<tr><td title=\"").Append(Html.Encode(d.Driver)).Append("\">").Append(Html.Encode(d.Label)).Append("</td><td>").Append(Html.Encode(d.Outcome))
                .Append("</td><td class=\"num\">").Append(DriverEffect.F(d.Effect)).Append("</td><td class=\"num\">")
                .Append(d.Low is { } l && d.High is { } u ? $"{DriverEffect.F(l)} to {DriverEffect.F(u)}" : FigureText.Unknown)
                .Append("</td><td class=\"num\">").Append(Html.Encode(DriverEffect.P(d.PValue))).Append("</td>").Append(Num(d.N, FigureFormat.Count))
                .Append("<td>").Append(Html.Encode(d.Method)).Append("</td></tr>");
        h.Append("</tbody></table>");
        var churn = drivers.Where(d => d.Outcome == KeyDriverNames.Churn).Take(12).ToList();
        if (churn.Count > 0)
            Chart(h, new BarChart("drivers-churn", "What goes with churn (correlation with churn)", "Driver", new ChartAxis("Correlation with churn", FigureFormat.Score, "r"),
                [.. churn.Select(d => new ChartBar(d.Label, d.Effect, d.N))]), imageSource);
        h.Append("<p class=\"note\">").Append(Html.Encode(DriverEffect.Definition)).Append("</p></section>");
    }

    private static void Lifecycle(StringBuilder h, SnapshotInsights insights, string currency, Func<Chart, string>? imageSource)
    {
        h.Append("<section data-section=\"lifecycle\"><h2>Lifecycle</h2>");
        if (insights.Lifecycle is not { } l)
        {
            h.Append("<p class=\"empty\">No lifecycle view yet: it compares two snapshots, and this is the first.</p></section>");
            return;
        }
        h.Append("<p class=\"meta\">").Append(l.From.ToString("yyyy-MM-dd")).Append(" to ").Append(l.To.ToString("yyyy-MM-dd")).Append("</p><table><tbody>");
        Row(h, "New customers", FigureText.Format(l.NewCustomers, FigureFormat.Count));
        Row(h, "Existing at start", FigureText.Format(l.ExistingAtStart, FigureFormat.Count));
        Row(h, "Retained", FigureText.Format(l.Retained, FigureFormat.Count));
        Row(h, "Retention rate", FigureText.Format(l.RetentionRate, FigureFormat.Percent));
        Row(h, "Expanded", FigureText.Format(l.Expanded, FigureFormat.Count));
        Row(h, "Expansion revenue", ReportCurrency.Format((double)l.ExpansionRevenue, currency));
        Row(h, "Contracted", FigureText.Format(l.Contracted, FigureFormat.Count));
        Row(h, "Churned", FigureText.Format(l.ExistingAtStart - l.Retained, FigureFormat.Count));
        Row(h, "Won back", FigureText.Format(l.Reactivated, FigureFormat.Count));
        Row(h, "Net revenue retention", FigureText.Format(l.NetRevenueRetention, FigureFormat.Percent));
        Row(h, "Acquisition spend", ReportCurrency.Format((double?)l.AcquisitionSpend, currency));
        Row(h, "CAC", ReportCurrency.Format((double?)l.Cac, currency));
        h.Append("</tbody></table>");
        Chart(h, new BarChart("lifecycle", "Customers by lifecycle stage in the period", "Stage", ChartAxis.Count("Customers"),
        [
            new("New", l.NewCustomers), new("Retained", l.Retained), new("Expanded", l.Expanded), new("Contracted", l.Contracted),
            new("Churned", l.ExistingAtStart - l.Retained), new("Won back", l.Reactivated),
        ]), imageSource);
        h.Append("<p class=\"note\">").Append(Html.Encode(LifecycleReport.Definition)).Append("</p></section>");
    }

    /// <summary>The most channels and campaigns the LTV:CAC chart draws (those with the most customers).</summary>
    public const int AcquisitionChartBars = 12;

    /// <summary>CAC, LTV, LTV:CAC and payback of everyone, each channel and each campaign, n beside every ratio, with the definitions.</summary>
    private static void Acquisition(StringBuilder h, SnapshotInsights insights, ReportDocument report, Func<Chart, string>? imageSource)
    {
        var money = Html.Encode($" ({report.Currency})");
        h.Append("<section data-section=\"acquisition\"><h2>Acquisition: CAC, LTV:CAC and payback</h2><p class=\"meta\">Snapshot of ")
            .Append(insights.Period.ToString("yyyy-MM-dd")).Append("; money in ").Append(Html.Encode(report.Currency)).Append(".</p>")
            .Append("<div class=\"wide\"><table><thead><tr><th>Channel or campaign</th><th>Customers acquired</th><th>Acquisition spend").Append(money)
            .Append("</th><th>CAC").Append(money).Append("</th><th>LTV").Append(money).Append("</th><th>LTV:CAC (n)</th><th>Monthly margin per customer").Append(money)
            .Append("</th><th>CAC payback, months (n)</th></tr></thead><tbody>");
        foreach (var a in insights.Acquisition)
            h.Append("<tr data-acquisition=\"").Append(Html.Encode(a.Group.ToString())).Append("\"><td title=\"").Append(Html.Encode(a.Group.ToString())).Append("\">")
                .Append(Html.Encode(report.LabelOf(a.Group))).Append("</td>").Append(Num(a.Customers, FigureFormat.Count))
                .Append(Num((double)a.Spend, FigureFormat.Money)).Append(Num((double?)a.Cac, FigureFormat.Money)).Append(Num((double)a.Ltv, FigureFormat.Money))
                .Append(WithN((double?)a.LtvToCac, FigureFormat.Multiple, a.Customers)).Append(Num((double?)a.MonthlyMargin, FigureFormat.Money))
                .Append(WithN((double?)a.PaybackMonths, FigureFormat.Score, a.Customers)).Append("</tr>");
        h.Append("</tbody></table></div>");
        var bars = insights.Acquisition.Where(a => a.Group != SegmentKey.Everyone && a.LtvToCac is not null)
            .OrderByDescending(a => a.Customers).ThenBy(a => a.Group.ToString(), StringComparer.Ordinal).Take(AcquisitionChartBars).ToList();
        if (bars.Count > 0)
            Chart(h, new BarChart("acquisition", "LTV:CAC by acquisition channel and campaign", "Channel or campaign", new ChartAxis("LTV:CAC", FigureFormat.Multiple, "LTV per unit of CAC"),
                [.. bars.Select(a => new ChartBar(report.LabelOf(a.Group), (double)a.LtvToCac!.Value, a.Customers))]), imageSource);
        else h.Append("<p class=\"empty\">No acquisition cost is known for any channel or campaign: CAC, LTV:CAC and payback are unknown.</p>");
        h.Append("<ul class=\"note\">");
        foreach (var (_, definition) in CustomerValue.Value.ValueDefinitions.Acquisition) h.Append("<li>").Append(Html.Encode(definition)).Append("</li>");
        h.Append("</ul></section>");
    }

    private static void Cohorts(StringBuilder h, CohortReport cohorts, Func<Chart, string>? imageSource)
    {
        h.Append("<section data-section=\"cohorts\"><h2>Cohort retention</h2>");
        if (cohorts.Cohorts.Count == 0) h.Append("<p class=\"empty\">No subscription with a start date on or before ").Append(cohorts.AsOf.ToString("yyyy-MM-dd")).Append(".</p>");
        else Chart(h, cohorts.Chart(), imageSource);
        h.Append("<p class=\"note\">").Append(Html.Encode(cohorts.Definition)).Append("</p></section>");
    }

    /// <summary>Where the numbers come from: the snapshot, the value model and the definitions.</summary>
    private static void Method(StringBuilder h, SnapshotInsights insights, ReportDocument report)
    {
        h.Append("<section data-section=\"method\"><h2>Where the numbers come from</h2><ul class=\"method\">")
            .Append("<li>Snapshot of ").Append(insights.Period.ToString("yyyy-MM-dd")).Append("; money in ").Append(Html.Encode(report.Currency)).Append(".</li>");
        if (insights.ValueModel is { } model) h.Append("<li>Value model: ").Append(Html.Encode(model)).Append("</li>");
        if (report.Latest?.ChurnDefinition is { } churn) h.Append("<li>Churn: ").Append(Html.Encode(churn)).Append("</li>");
        h.Append("<li>").Append(Html.Encode(OpportunityText.RevenueAtRiskDefinition)).Append("</li></ul></section>");
    }

    private static void Survey(StringBuilder h, SurveySummary s, string currency, Func<Chart, string>? imageSource)
    {
        h.Append("<section><h2>Surveys</h2><p class=\"meta\">").Append(s.Responses).Append(" responses, ")
            .Append(s.From.ToString("yyyy-MM-dd")).Append(" to ").Append(s.To.ToString("yyyy-MM-dd")).Append("</p><div class=\"tiles\">")
            .Append(Tile("NPS", FigureText.Format(s.Nps, FigureFormat.Score), $"{s.NpsAnswers} answers"))
            .Append(Tile("CSAT", FigureText.Format(s.CsatPercent, FigureFormat.PercentPoints), $"{s.CsatAnswers} answers"));
        if (s.Sentiment is { } m)
            h.Append(Tile("Positive comments", FigureText.Format(m.Positive, FigureFormat.Percent), $"{m.Responses} comments"))
                .Append(Tile("Negative comments", FigureText.Format(m.Negative, FigureFormat.Percent), $"neutral {FigureText.Format(m.Neutral, FigureFormat.Percent)}"));
        if (s.CesAnswers > 0)
            h.Append(Tile("CES", s.CesMean is { } ces ? ces.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture) : FigureText.Unknown,
                $"easy {FigureText.Format(s.CesEasyPercent, FigureFormat.PercentPoints)}, {s.CesAnswers} answers"));
        h.Append("</div>");
        if (s.NpsAnswers > 0 && s.Promoters + s.Passives + s.Detractors > 0)
            Chart(h, new StackedBarChart("nps-split", "NPS answers: promoters, passives, detractors", "Survey", ChartAxis.Percent("Share of NPS answers"),
                ["Promoters (9-10)", "Passives (7-8)", "Detractors (0-6)"],
                [new StackedBar($"NPS {FigureText.Format(s.Nps, FigureFormat.Score)}", [.. new[] { s.Promoters, s.Passives, s.Detractors }.Select(c => 100.0 * c / (s.Promoters + s.Passives + s.Detractors))], s.Promoters + s.Passives + s.Detractors)]), imageSource);
        if (s.Topics.Count > 0) Aspects(h, s.Topics, inSection: false);
        if (s.TopicsBySegment.Count > 0) TopicsBySegment(h, s.TopicsBySegment, currency, imageSource);
        if (s.Quotes.Count > 0)
        {
            h.Append("<h3>Quotes</h3><table data-section=\"quotes\"><thead><tr><th>Comment</th><th>Sentiment</th><th>Topics</th></tr></thead><tbody>");
            foreach (var q in s.Quotes.Take(50))
                h.Append("<tr><td>").Append(Html.Encode(q.Text)).Append("</td><td>").Append(Html.Encode(q.Sentiment ?? FigureText.Unknown))
                    .Append(q.Compound is { } c ? Html.Encode(string.Create(System.Globalization.CultureInfo.InvariantCulture, $" ({c:0.00})")) : "")
                    .Append("</td><td>").Append(Html.Encode(string.Join(", ", q.Topics))).Append("</td></tr>");
            h.Append("</tbody></table>");
        }
        if (s.SampleComments.Count > 0)
        {
            h.Append("<h3>What customers said</h3><ul class=\"comments\">");
            foreach (var c in s.SampleComments) h.Append("<li>").Append(Html.Encode(c)).Append("</li>");
            h.Append("</ul>");
        }
        h.Append("</section>");
    }

    /// <summary>The topic-by-segment rows the page lists and draws: those with the most revenue at risk (all of them are in the JSON and CSV).</summary>
    public const int TopicsBySegmentShown = 50, TopicsBySegmentCharted = 12;

    /// <summary>What each segment's customers raise, with the sentiment, n and the revenue at risk of the customers who raise it.</summary>
    private static void TopicsBySegment(StringBuilder h, IReadOnlyList<TopicInSegment> rows, string currency, Func<Chart, string>? imageSource)
    {
        var shown = rows.OrderByDescending(r => r.Figures.RevenueAtRisk ?? decimal.MinValue).ThenByDescending(r => r.Figures.Customers)
            .ThenBy(r => r.Segment.ToString(), StringComparer.Ordinal).ThenBy(r => r.Figures.Topic, StringComparer.Ordinal).ToList();
        h.Append("<h3>Topics by segment</h3><div class=\"wide\"><table data-section=\"topics-by-segment\"><thead><tr><th>Segment</th><th>Topic</th>")
            .Append("<th>Customers raising it</th><th>Share of commenters (n)</th><th>Mean sentiment (n)</th><th>Revenue at risk of those customers (")
            .Append(Html.Encode(currency)).Append(")</th></tr></thead><tbody>");
        foreach (var (segment, label, t) in shown.Take(TopicsBySegmentShown))
            h.Append("<tr data-segment-topic=\"").Append(Html.Encode($"{segment}|{t.Topic}")).Append("\"><td title=\"").Append(Html.Encode(segment.ToString())).Append("\">")
                .Append(Html.Encode(label)).Append("</td><td>").Append(Html.Encode(t.Topic)).Append("</td>").Append(Num(t.Customers, FigureFormat.Count))
                .Append(WithN(t.ShareOfCommenters, FigureFormat.Percent, t.Customers)).Append(WithN(t.MeanSentiment, FigureFormat.Multiple, t.Mentions))
                .Append(Num((double?)t.RevenueAtRisk, FigureFormat.Money)).Append("</tr>");
        h.Append("</tbody></table></div>");
        if (shown.Count > TopicsBySegmentShown)
            h.Append("<p class=\"note\">The ").Append(TopicsBySegmentShown).Append(" of ").Append(shown.Count).Append(" rows with the most revenue at risk; every row is in the JSON and CSV.</p>");
        var charted = shown.Where(r => r.Segment != SegmentKey.Everyone && r.Figures.RevenueAtRisk is not null).Take(TopicsBySegmentCharted).ToList();
        if (charted.Count > 0)
            Chart(h, new BarChart("topics-by-segment", "Revenue at risk of the customers raising each topic, by segment", "Segment and topic",
                ChartAxis.Money("Revenue at risk", currency), [.. charted.Select(r => new ChartBar($"{r.Label}: {r.Figures.Topic}", (double)r.Figures.RevenueAtRisk!.Value, r.Figures.Customers))]), imageSource);
        h.Append("<p class=\"note\">").Append(Html.Encode(SegmentTopic.Definition)).Append("</p>");
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

    /// <summary>The customer's stored row: the figures the segments summed, with the cost split the value model made and the flags it set.</summary>
    private static void Customer(StringBuilder h, CustomerReport c, string currency)
    {
        string Money(decimal? value) => ReportCurrency.Format((double?)value, currency);
        h.Append("<section data-section=\"customer\"><h2>Customer ").Append(Html.Encode(c.CustomerId)).Append("</h2>");
        if (c.AsOf is { } asOf) h.Append("<p class=\"meta\">As of the snapshot of ").Append(asOf.ToString("yyyy-MM-dd")).Append("</p>");
        h.Append("<table><tbody>");
        Row(h, "Email", c.Email ?? FigureText.Unknown);
        Row(h, "Name", c.Name ?? FigureText.Unknown);
        Row(h, "Orders", FigureText.Format(c.Orders, FigureFormat.Count));
        Row(h, "Revenue", Money(c.Revenue));
        Row(h, "Transaction revenue", Money(c.TransactionRevenue));
        Row(h, "Subscription revenue", Money(c.SubscriptionRevenue));
        Row(h, "Cost", Money(c.Cost));
        Row(h, "Acquisition cost", Money(c.AcquisitionCost));
        Row(h, "Allocated cost", Money(c.AllocatedCost));
        Row(h, "Allocated acquisition and marketing cost (counted by CAC)", Money(c.AllocatedAcquisitionCost));
        Row(h, "Support cost", Money(c.SupportCost));
        Row(h, "Service cost", Money(c.ServiceCost));
        Row(h, "Other cost", Money(c.OtherCost));
        Row(h, "ROI", FigureText.Format(c.Roi, FigureFormat.Percent));
        Row(h, "Historical CLV", Money(c.HistoricalClv));
        Row(h, "Predicted CLV", Money(c.PredictedClv));
        Row(h, "Probability alive", FigureText.Format(c.ProbabilityAlive, FigureFormat.Percent));
        Row(h, "Active", c.Active ? "yes" : "no");
        Row(h, "Churned", c.Churned switch { true => "yes", false => "no", null => FigureText.Unknown } + (c.ChurnRule is { } rule ? $" ({rule})" : ""));
        Row(h, "First purchase", c.FirstPurchase?.ToString("yyyy-MM-dd") ?? FigureText.Unknown);
        Row(h, "Last purchase", c.LastPurchase?.ToString("yyyy-MM-dd") ?? FigureText.Unknown);
        Row(h, "Segments", string.Join(", ", c.Segments));
        foreach (var (k, v) in c.Attributes) Row(h, k, v);
        h.Append("</tbody></table><p class=\"note\">").Append(Html.Encode(CustomerValue.Value.ValueDefinitions.Cost)).Append("</p></section>");
    }

    private static void Row(StringBuilder h, string label, string value) =>
        h.Append("<tr><th>").Append(Html.Encode(label)).Append("</th><td>").Append(Html.Encode(value)).Append("</td></tr>");

    private static string Tile(string label, string value, string note) =>
        $"<div class=\"tile\"><div class=\"label\">{Html.Encode(label)}</div><div class=\"value\">{Html.Encode(value)}</div><div class=\"change flat\">{Html.Encode(note)}</div></div>";

    /// <summary>A rate with the count behind it, "66.7 (n = 3)"; no count when the rate is unknown or the count was not recorded.</summary>
    private static string WithN(double? value, FigureFormat format, int n) => value is { } v && double.IsFinite(v) && n > 0
        ? $"<td class=\"num\">{Html.Encode(FigureText.Format(v, format))} <small>(n = {n.ToString("#,0", System.Globalization.CultureInfo.InvariantCulture)})</small></td>"
        : Num(value, format);

    /// <summary>"110 / 46 / 44" with each share of the answers on hover; unknown without answers.</summary>
    internal static string NpsSplit(SegmentKpis s) => s.NpsAnswers == 0 ? Num(null, FigureFormat.Count)
        : $"<td class=\"num\" data-nps-split title=\"{Html.Encode(string.Join(", ", new[] { ("promoters", s.Promoters), ("passives", s.Passives), ("detractors", s.Detractors) }.Select(p => $"{p.Item1} {FigureText.Format((double)p.Item2 / s.NpsAnswers, FigureFormat.Percent)}")))}\">" +
          $"{Html.Encode(NpsSplitText(s))}</td>";

    /// <summary>Promoters / passives / detractors as counts.</summary>
    public static string NpsSplitText(SegmentKpis s) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{s.Promoters:#,0} / {s.Passives:#,0} / {s.Detractors:#,0}");

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
        ".wide{overflow-x:auto}table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:6px 8px;border-bottom:1px solid #e5e7eb;vertical-align:top}" +
        "thead th{font-size:12px;color:#6b7280;text-transform:uppercase}td.num{text-align:right;font-variant-numeric:tabular-nums}" +
        ".comments li,.sentences li{margin:4px 0;color:#374151}.warnings{border-left:4px solid #d97706}"+
        ".empty{color:#6b7280}footer{color:#9ca3af;font-size:12px;text-align:center;margin:24px 0}";
}
