namespace CustomerValue.Reports;

/// <summary>The CSV form of each report: one header row, then one row per item, figures as numbers.</summary>
public static class ReportCsv
{
    public static string Kpis(IReadOnlyList<Kpis.KpiSnapshot> history)
    {
        var csv = new CsvReportWriter().Row("period", "customers", "orders", "gross_revenue", "refunds", "net_revenue", "revenue_per_customer",
            "repeat_customer_rate", "active_customers", "cost", "roi", "churn_rate", "retention_rate", "nps", "csat_percent", "revenue_at_risk");
        foreach (var s in history)
            csv.Row(DateOnly.FromDateTime(s.AsOf.UtcDateTime), s.Customers, s.Orders, s.GrossRevenue, s.Refunds, s.NetRevenue, s.RevenuePerCustomer,
                s.RepeatCustomerRate, s.ActiveCustomers, s.Cost, s.Roi, s.ChurnRate, s.RetentionRate, s.Nps, s.CsatPercent, s.RevenueAtRisk);
        return csv.ToString();
    }

    public static string Segments(IReadOnlyList<SegmentKpis> segments)
    {
        var csv = new CsvReportWriter().Row("dimension", "segment", "period", "customers", "revenue", "cost", "roi", "average_historical_clv",
            "average_predicted_clv", "churn_rate", "retention_rate", "nps", "nps_answers", "promoters", "passives", "detractors", "csat_percent", "csat_answers",
            "support_cost_per_customer");
        foreach (var s in segments)
            csv.Row(s.Segment.Dimension, s.Segment.Value, s.Period, s.Customers, s.Revenue, s.Cost, s.Roi, s.AverageHistoricalClv,
                s.AveragePredictedClv, s.ChurnRate, s.RetentionRate, s.Nps, s.NpsAnswers, s.Promoters, s.Passives, s.Detractors, s.CsatPercent, s.CsatAnswers,
                s.SupportCostPerCustomer);
        return csv.ToString();
    }

    public static string Opportunities(IReadOnlyList<Opportunity> opportunities)
    {
        var csv = new CsvReportWriter().Row("rank", "dimension", "segment", "customers", "revenue_at_risk", "churn_rate", "overall_churn_rate",
            "churn_cut_points", "value_of_churn_cut", "top_complaints");
        foreach (var o in opportunities.OrderBy(o => o.Rank))
            csv.Row(o.Rank, o.Segment.Dimension, o.Segment.Value, o.Customers, o.RevenueAtRisk, o.ChurnRate, o.OverallChurnRate,
                o.ChurnCutPoints, o.ValueOfChurnCut, string.Join("; ", o.TopComplaints.Select(a => a.Topic)));
        return csv.ToString();
    }

    /// <summary>The ranking with each opportunity's label and sentence (segment, customers, money at risk, top topic and its link to churn).</summary>
    public static string Opportunities(IReadOnlyList<Opportunity> opportunities, IReadOnlyList<Segments.KeyDriver> drivers, Func<SegmentKey, string> labelOf, string currency)
    {
        var csv = new CsvReportWriter().Row("rank", "dimension", "segment", "label", "customers", "currency", "revenue_at_risk", "churn_rate", "overall_churn_rate",
            "churn_cut_points", "value_of_churn_cut", "top_complaints", "sentence");
        foreach (var o in opportunities.OrderBy(o => o.Rank))
            csv.Row(o.Rank, o.Segment.Dimension, o.Segment.Value, labelOf(o.Segment), o.Customers, currency, o.RevenueAtRisk, o.ChurnRate, o.OverallChurnRate,
                o.ChurnCutPoints, o.ValueOfChurnCut, string.Join("; ", o.TopComplaints.Select(a => a.Topic)), OpportunityText.Sentence(o, labelOf(o.Segment), currency, drivers));
        return csv.ToString();
    }

    public static string Drivers(DriversReport report)
    {
        var csv = new CsvReportWriter().Row("period", "driver", "label", "outcome", "method", "effect", "ci_low", "ci_high", "p_value", "n");
        foreach (var d in report.Drivers)
            csv.Row(report.Period, d.Driver, d.Label, d.Outcome, d.Method, d.Effect, d.Low, d.High, d.PValue, d.N);
        return csv.ToString();
    }

    public static string Lifecycle(LifecycleReport report)
    {
        var l = report.Lifecycle;
        return new CsvReportWriter()
            .Row("period", "from", "to", "new_customers", "existing_at_start", "retained", "retention_rate", "expanded", "expansion_revenue", "contracted",
                "churned", "won_back", "net_revenue_retention", "acquisition_spend", "cac")
            .Row(report.Period, l?.From, l?.To, l?.NewCustomers, l?.ExistingAtStart, l?.Retained, l?.RetentionRate, l?.Expanded, l?.ExpansionRevenue, l?.Contracted,
                l is null ? null : l.ExistingAtStart - l.Retained, l?.Reactivated, l?.NetRevenueRetention, l?.AcquisitionSpend, l?.Cac)
            .ToString();
    }

    /// <summary>One row per cohort and month since acquisition.</summary>
    public static string Cohorts(CohortReport report)
    {
        var csv = new CsvReportWriter().Row("as_of", "cohort", "size", "months_since", "active", "retention");
        foreach (var c in report.Cohorts)
            for (var m = 0; m < c.Active.Count; m++) csv.Row(report.AsOf, c.Label, c.Size, m, c.Active[m], c.Retention[m]);
        return csv.ToString();
    }

    /// <summary>One row per group (everyone, each channel, each campaign), the currency on each row so the file stands alone.</summary>
    public static string Acquisition(AcquisitionReport report)
    {
        var csv = new CsvReportWriter().Row("period", "dimension", "group", "customers_acquired", "currency", "acquisition_spend", "cac", "ltv", "ltv_to_cac",
            "monthly_margin_per_customer", "payback_months");
        foreach (var a in report.Groups)
            csv.Row(report.Period, a.Dimension, a.Value, a.Customers, report.Currency, a.Spend, a.Cac, a.Ltv, a.LtvToCac, a.MonthlyMargin, a.PaybackMonths);
        return csv.ToString();
    }

    public static string Warnings(WarningsReport report)
    {
        var csv = new CsvReportWriter().Row("period", "warning");
        foreach (var w in report.Warnings) csv.Row(report.Period, w);
        return csv.ToString();
    }

    /// <summary>
    /// The survey's topics, with the period's headline scores repeated on each row so the file stands alone; then the
    /// topics by segment (dimension and segment filled in, with customers, share, revenue at risk and the currency).
    /// </summary>
    public static string Surveys(SurveySummary s, string currency = ReportCurrency.Default)
    {
        var csv = new CsvReportWriter().Row("from", "to", "responses", "nps", "csat_percent", "topic", "mentions", "positive", "negative", "mean_compound",
            "dimension", "segment", "customers", "share_of_commenters", "currency", "revenue_at_risk");
        if (s.Topics.Count == 0 && s.TopicsBySegment.Count == 0) csv.Row(s.From, s.To, s.Responses, s.Nps, s.CsatPercent, null, null, null, null, null, null, null, null, null, null, null);
        foreach (var t in s.Topics)
            csv.Row(s.From, s.To, s.Responses, s.Nps, s.CsatPercent, t.Topic, t.Mentions, t.Positive, t.Negative, t.MeanCompound, null, null, null, null, null, null);
        foreach (var (segment, _, t) in s.TopicsBySegment)
            csv.Row(s.From, s.To, s.Responses, s.Nps, s.CsatPercent, t.Topic, t.Mentions, t.Positive, t.Negative, t.MeanSentiment,
                segment.Dimension, segment.Value, t.Customers, t.ShareOfCommenters, currency, t.RevenueAtRisk);
        return csv.ToString();
    }

    public static string Customer(CustomerReport c) =>
        new CsvReportWriter()
            .Row("customer_id", "as_of", "email", "name", "orders", "revenue", "transaction_revenue", "subscription_revenue", "cost", "acquisition_cost",
                "allocated_cost", "allocated_acquisition_cost", "support_cost", "service_cost", "other_cost", "roi", "historical_clv", "predicted_clv",
                "probability_alive", "active", "churned", "churn_rule", "first_purchase", "last_purchase", "segments")
            .Row(c.CustomerId, c.AsOf, c.Email, c.Name, c.Orders, c.Revenue, c.TransactionRevenue, c.SubscriptionRevenue, c.Cost, c.AcquisitionCost,
                c.AllocatedCost, c.AllocatedAcquisitionCost, c.SupportCost, c.ServiceCost, c.OtherCost, c.Roi, c.HistoricalClv, c.PredictedClv,
                c.ProbabilityAlive, c.Active, c.Churned, c.ChurnRule, c.FirstPurchase, c.LastPurchase, string.Join("; ", c.Segments))
            .ToString();
}
