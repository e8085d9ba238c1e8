using System.Text;

namespace CustomerValue.Reports;

/// <summary>The plain-text alternative of the KPI email: the tiles, the top opportunities and topics, as lines.</summary>
public static class PlainTextReport
{
    public static string Render(ReportDocument report)
    {
        var t = new StringBuilder();
        t.AppendLine(report.Title).AppendLine(new string('=', report.Title.Length));
        if (report.Latest is { } latest)
        {
            t.AppendLine($"Data as of {latest.AsOf:yyyy-MM-dd}" + (latest.DataThrough is { } through ? $", newest data {through:yyyy-MM-dd}" : ""));
            foreach (var warning in latest.Warnings) t.AppendLine($"Warning: {warning}");
            if (latest.ClvModelStatement is { } model) t.AppendLine(model);
            t.AppendLine();
            foreach (var f in KpiFigure.Headline)
            {
                var current = f.Read(latest);
                var change = report.Previous is { } p ? FigureText.Change(current, f.Read(p), f.Format) : null;
                t.Append($"{f.Label,-22} {FigureText.Format(current, f.Format),16}");
                if (change is not null) t.Append($"   ({change} since last period)");
                t.AppendLine();
            }
        }
        else t.AppendLine("No KPI snapshot has been taken yet.");
        if (report.Opportunities.Count > 0)
        {
            t.AppendLine().AppendLine("Opportunities");
            foreach (var o in report.Opportunities.OrderBy(o => o.Rank).Take(5))
                t.AppendLine($"{o.Rank}. {o.Segment}: {FigureText.Format((double)o.RevenueAtRisk, FigureFormat.Money)} at risk, churn {FigureText.Format(o.ChurnRate, FigureFormat.Percent)}");
        }
        if (report.TopAspects.Count > 0)
        {
            t.AppendLine().AppendLine("Top aspects");
            foreach (var a in report.TopAspects.Take(8)) t.AppendLine($"- {a.Topic}: {a.Mentions} mentions ({a.Positive} positive, {a.Negative} negative)");
        }
        return t.ToString();
    }

    /// <summary>The weekly brief as plain text: the same sections as <see cref="HtmlReportRenderer.RenderBrief"/>.</summary>
    public static string RenderBrief(ReportDocument report)
    {
        var t = new StringBuilder();
        t.AppendLine(report.Title).AppendLine(new string('=', report.Title.Length));
        if (report.Latest is { } latest)
        {
            t.AppendLine($"Data as of {latest.AsOf:yyyy-MM-dd}, money in {report.Currency}").AppendLine().AppendLine("What changed since last period");
            foreach (var f in KpiFigure.Headline)
            {
                var current = f.Read(latest);
                var change = report.Previous is { } p ? FigureText.Change(current, f.Read(p), f.Format) : null;
                t.Append($"{f.Label,-22} {FigureText.Format(current, f.Format),16}");
                if (change is not null) t.Append($"   ({change} since last period)");
                t.AppendLine();
            }
            var movers = HtmlReportRenderer.TopMovers(report);
            if (movers.Count > 0)
            {
                t.AppendLine().AppendLine("Why it changed (segments whose revenue moved most)");
                foreach (var (s, change) in movers) t.AppendLine("- " + HtmlReportRenderer.MoverText(report, s, change));
            }
        }
        else t.AppendLine("No KPI snapshot has been taken yet.");
        var drivers = report.Insights?.KeyDrivers ?? [];
        var top = report.Opportunities.OrderBy(o => o.Rank).Take(3).ToList();
        if (top.Count > 0)
        {
            t.AppendLine().AppendLine("The three biggest opportunities");
            foreach (var o in top) t.AppendLine($"{o.Rank}. {OpportunityText.Sentence(o, report.LabelOf(o.Segment), report.Currency, drivers)}");
            t.AppendLine(OpportunityText.RevenueAtRiskDefinition);
        }
        if (report.Insights is { } economics && AcquisitionText.BriefLines(economics.Acquisition, report.LabelOf, report.Currency) is { Count: > 0 } acquisition)
        {
            t.AppendLine().AppendLine("Acquisition");
            foreach (var line in acquisition) t.AppendLine("- " + line);
            t.AppendLine(AcquisitionText.FullReportPointer);
        }
        if (report.Insights is { KeyDrivers.Count: > 0 } insights)
        {
            t.AppendLine().AppendLine("Key drivers of churn");
            foreach (var d in insights.Drivers.Where(d => d.Outcome == Segments.KeyDriverNames.Churn).OrderBy(d => d.Significant ? 0 : 1).ThenByDescending(d => Math.Abs(d.Effect)).Take(3))
                t.AppendLine($"- {d.Label}: {d.Evidence}{(d.Significant ? "" : ", not clear at the 5 % level")}");
        }
        if (report.Insights is { } method)
        {
            t.AppendLine().AppendLine("Where the numbers come from").AppendLine($"- Snapshot of {method.Period:yyyy-MM-dd}.");
            if (method.ValueModel is { } model) t.AppendLine($"- Value model: {model}");
            foreach (var w in method.Warnings) t.AppendLine($"- Warning: {w}");
        }
        if (report.FullReportUrl is { } url) t.AppendLine().AppendLine($"Full report: {url}");
        return t.ToString();
    }
}
