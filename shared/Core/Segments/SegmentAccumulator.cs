using CustomerValue.Reports;

namespace CustomerValue.Segments;

/// <summary>What is worked out once per customer and then added to each of its segments.</summary>
/// <remarks><see cref="RevenueAtRisk"/> is predicted CLV x churn probability, converted to decimal once rather than once per segment.</remarks>
internal readonly record struct CustomerFacts(double? ChurnProbability, decimal? RevenueAtRisk, SentimentClass Sentiment, int[] TopicIds, int TopicCount);

internal enum SentimentClass { None, Positive, Neutral, Negative, Mixed }

internal struct AspectTally
{
    public int Mentions, Positive, Negative;
    public double CompoundSum;
    /// <summary>Customers raising the topic, their revenue at risk (those with one known) and the last customer counted (one count per customer).</summary>
    public int Customers, RiskKnown, LastCustomer;
    public decimal RevenueAtRisk;
}

/// <summary>Running totals of one segment: constant memory per segment (plus one tally per topic), whatever its size.</summary>
internal sealed class SegmentAccumulator
{
    private int customers;
    private decimal revenue, transactionRevenue, subscriptionRevenue, costSum, revenueWithCost, historicalClvSum, predictedClvSum, revenueAtRisk, supportCostSum;
    private int costKnown, historicalClvCount, predictedClvCount, riskCount, ticketOpeners, supportKnown;
    private int churnKnown, churned, churnProbabilityCount;
    private double churnProbabilitySum;
    private int npsAnswers, promoters, passives, detractors, csatAnswers, satisfied;
    private int positive, neutral, negative, mixed;
    private AspectTally[] aspects = [];

    public void Add(CustomerView c, in CustomerFacts facts, SegmentationOptions options)
    {
        customers++;
        revenue += c.Revenue;
        transactionRevenue += c.TransactionRevenue;
        subscriptionRevenue += c.SubscriptionRevenue;
        if (c.Cost is { } cost) { costSum += cost; revenueWithCost += c.Revenue; costKnown++; }
        if (c.HistoricalClv is { } h) { historicalClvSum += h; historicalClvCount++; }
        if (c.PredictedClv is { } p) { predictedClvSum += p; predictedClvCount++; }
        if (facts.RevenueAtRisk is { } risk) { revenueAtRisk += risk; riskCount++; }
        if (c.Churned is { } isChurned) { churnKnown++; if (isChurned) churned++; }
        if (facts.ChurnProbability is { } probability) { churnProbabilitySum += probability; churnProbabilityCount++; }
        if (c.NpsScore is { } nps and >= 0 and <= 10)
        {
            npsAnswers++;
            if (nps >= 9) promoters++; else if (nps <= 6) detractors++; else passives++;
        }
        if (c.Csat is { } csat and >= 1 and <= 5) { csatAnswers++; if (csat >= 4) satisfied++; }
        switch (facts.Sentiment)
        {
            case SentimentClass.Positive: positive++; break;
            case SentimentClass.Neutral: neutral++; break;
            case SentimentClass.Negative: negative++; break;
            case SentimentClass.Mixed: mixed++; break;
        }
        if (c.SupportCost is { } support) { supportCostSum += support; supportKnown++; }
        if (c.TicketsOpened > 0) ticketOpeners++;
        for (var i = 0; i < facts.TopicCount; i++)
        {
            var id = facts.TopicIds[i];
            if (id >= aspects.Length) Array.Resize(ref aspects, Math.Max(id + 1, aspects.Length * 2));
            ref var tally = ref aspects[id];
            var compound = c.Aspects[i].Compound;
            tally.Mentions++;
            tally.CompoundSum += compound;
            if (tally.LastCustomer != customers)
            {
                tally.LastCustomer = customers;
                tally.Customers++;
                if (facts.RevenueAtRisk is { } atRisk) { tally.RevenueAtRisk += atRisk; tally.RiskKnown++; }
            }
            if (compound >= options.PositiveCompound) tally.Positive++;
            else if (compound <= options.NegativeCompound) tally.Negative++;
        }
    }

    public SegmentKpis ToKpis(SegmentKey key, SegmentModel model, IReadOnlyList<string> topicNames)
    {
        var churnRate = model.ChurnBasis switch
        {
            ChurnBasis.Observed when churnKnown > 0 => (double)churned / churnKnown,
            ChurnBasis.Probability when churnProbabilityCount > 0 => churnProbabilitySum / churnProbabilityCount,
            _ => (double?)null,
        };
        var responses = positive + neutral + negative + mixed;
        var summaries = AspectSummaries(topicNames);
        var top = model.Options.TopAspects;
        return new SegmentKpis
        {
            Segment = key,
            Period = model.AsOf,
            Customers = customers,
            Revenue = revenue,
            TransactionRevenue = transactionRevenue,
            SubscriptionRevenue = subscriptionRevenue,
            Cost = costKnown > 0 ? costSum : null,
            Roi = costKnown > 0 && costSum != 0 ? (double)((revenueWithCost - costSum) / costSum) : null,
            AverageHistoricalClv = Mean(historicalClvSum, historicalClvCount),
            AveragePredictedClv = Mean(predictedClvSum, predictedClvCount),
            ChurnRate = churnRate,
            RetentionRate = 1 - churnRate,
            ChurnDefinition = model.ChurnDefinition,
            RevenueAtRisk = riskCount > 0 ? revenueAtRisk : null,
            Nps = npsAnswers > 0 ? 100.0 * (promoters - detractors) / npsAnswers : null,
            NpsAnswers = npsAnswers,
            Promoters = promoters,
            Passives = passives,
            Detractors = detractors,
            CsatPercent = csatAnswers > 0 ? 100.0 * satisfied / csatAnswers : null,
            CsatAnswers = csatAnswers,
            Sentiment = responses > 0
                ? new SentimentMix((double)positive / responses, (double)neutral / responses, (double)negative / responses, (double)mixed / responses, responses)
                : null,
            TopPositiveAspects = [.. summaries.Where(a => a.Positive > 0)
                .OrderByDescending(a => a.Positive).ThenByDescending(a => a.MeanCompound).ThenBy(a => a.Topic, StringComparer.Ordinal).Take(top)],
            TopNegativeAspects = [.. summaries.Where(a => a.Negative > 0)
                .OrderByDescending(a => a.Negative).ThenBy(a => a.MeanCompound).ThenBy(a => a.Topic, StringComparer.Ordinal).Take(top)],
            Topics = [.. Topics(topicNames, responses)],
            SupportCostPerCustomer = supportKnown > 0 ? Mean(supportCostSum, customers) : null,
            SupportCostPerTicketOpener = Mean(supportCostSum, ticketOpeners),
        };
    }

    private List<AspectSummary> AspectSummaries(IReadOnlyList<string> topicNames)
    {
        var list = new List<AspectSummary>();
        for (var id = 0; id < aspects.Length; id++)
        {
            var t = aspects[id];
            if (t.Mentions > 0) list.Add(new AspectSummary(topicNames[id], t.Mentions, t.Positive, t.Negative, t.CompoundSum / t.Mentions));
        }
        return list;
    }

    /// <summary>Every topic the segment's customers raise, most raised first (at most <see cref="SegmentTopic.MaxPerSegment"/>).</summary>
    private IEnumerable<SegmentTopic> Topics(IReadOnlyList<string> topicNames, int commenters)
    {
        var list = new List<SegmentTopic>();
        for (var id = 0; id < aspects.Length; id++)
        {
            var t = aspects[id];
            if (t.Mentions == 0) continue;
            list.Add(new SegmentTopic(topicNames[id], t.Customers, commenters > 0 ? (double)t.Customers / commenters : null, t.Mentions, t.Positive, t.Negative,
                t.CompoundSum / t.Mentions, t.RiskKnown > 0 ? t.RevenueAtRisk : null));
        }
        return list.OrderByDescending(t => t.Customers).ThenBy(t => t.Topic, StringComparer.Ordinal).Take(SegmentTopic.MaxPerSegment);
    }

    /// <summary>Money means are rounded to 4 decimals, as elsewhere in the KPIs.</summary>
    private static decimal? Mean(decimal sum, int count) => count > 0 ? Math.Round(sum / count, 4) : null;
}
