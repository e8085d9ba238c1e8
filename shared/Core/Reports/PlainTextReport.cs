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
}
