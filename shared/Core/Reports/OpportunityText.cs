using System.Globalization;
using CustomerValue.Segments;

namespace CustomerValue.Reports;

/// <summary>An opportunity as a sentence a manager can act on, with the evidence and the figure's definition.</summary>
public static class OpportunityText
{
    public const string RevenueAtRiskDefinition =
        "Revenue at risk = the sum over the segment's customers of predicted CLV x probability of churn, as of the snapshot day.";

    /// <summary>
    /// "Month-to-month contract: 3,875 customers, USD 1,234,567.89 of revenue at risk (churn 42.7 % against 26.5 % overall).
    /// What they say most: price (120 mentions, mean sentiment -0.41). In this data, customers who mention price churn more:
    /// r = 0.21 (95 % CI 0.10 to 0.31, p = 0.001, n = 300)."
    /// </summary>
    public static string Sentence(Opportunity o, string segmentLabel, string currency, IReadOnlyList<KeyDriver> drivers)
    {
        var text = $"{segmentLabel}: {o.Customers.ToString("#,0", CultureInfo.InvariantCulture)} customers, " +
            $"{ReportCurrency.Format((double)Money.Cents(o.RevenueAtRisk), currency)} of revenue at risk " +
            $"(churn {FigureText.Format(o.ChurnRate, FigureFormat.Percent)} against {FigureText.Format(o.OverallChurnRate, FigureFormat.Percent)} overall).";
        if (o.TopComplaints.Count == 0) return text + " Their comments name no topic yet.";
        var top = o.TopComplaints[0];
        text += $" What they say most: {top.Topic} ({top.Mentions.ToString("#,0", CultureInfo.InvariantCulture)} mentions, mean sentiment {DriverEffect.F(top.MeanCompound)}).";
        return text + " " + ChurnLink(top.Topic, drivers);
    }

    /// <summary>How mentioning a topic goes with churn in this data, with its uncertainty; says so when it was not measured.</summary>
    public static string ChurnLink(string topic, IReadOnlyList<KeyDriver> drivers)
    {
        var driver = drivers.FirstOrDefault(d => d.Outcome == KeyDriverNames.Churn && d.Driver == KeyDriverNames.AspectPrefix + topic);
        if (driver is null) return $"How mentioning {topic} relates to churn was not measured (too few customers on one side).";
        var effect = DriverEffect.From(driver);
        var direction = effect.Effect > 0 ? "churn more" : effect.Effect < 0 ? "churn less" : "churn no differently";
        var certainty = effect.Significant ? "" : "; the link is not clear at the 5 % level";
        return $"In this data, customers who mention {topic} {direction}: {effect.Evidence}{certainty}.";
    }
}

/// <summary>The opportunities as the API and the CLI print them: each stored figure, plus its label, sentence and definition.</summary>
public static class OpportunityReport
{
    public static System.Text.Json.Nodes.JsonArray Json(IReadOnlyList<Opportunity> opportunities, IReadOnlyList<KeyDriver> drivers, Func<SegmentKey, string> labelOf, string currency)
    {
        var array = new System.Text.Json.Nodes.JsonArray();
        foreach (var o in opportunities.OrderBy(o => o.Rank))
        {
            var node = System.Text.Json.JsonSerializer.SerializeToNode(o, ReportJson.Options)!.AsObject();
            node["label"] = labelOf(o.Segment);
            node["currency"] = currency;
            node["sentence"] = OpportunityText.Sentence(o, labelOf(o.Segment), currency, drivers);
            node["definition"] = OpportunityText.RevenueAtRiskDefinition;
            array.Add(node);
        }
        return array;
    }
}
