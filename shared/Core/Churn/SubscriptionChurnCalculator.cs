using CustomerValue.Domain;

namespace CustomerValue.Churn;

/// <summary>Revenue churn and retention over one window, each figure with its definition.</summary>
public sealed record RevenueChurnFigures(
    decimal StartMrr, decimal ChurnedMrr, decimal ContractionMrr, decimal ExpansionMrr, decimal EndMrrOfStartCustomers,
    RateFigure GrossRevenueChurn, RateFigure NetRevenueChurn, RateFigure NetRevenueRetention);

/// <summary>Contract churn figures from subscriptions: customer churn and retention, revenue churn, NRR.</summary>
public static class SubscriptionChurnCalculator
{
    /// <summary>
    /// Customer churn = customers active at the base day and not on the window's last day (plus, when the definition
    /// says so, customers who started inside the window and are gone by its end) / customers active at the base day.
    /// </summary>
    public static RateFigure CustomerChurn(IEnumerable<Subscription> subscriptions, DateOnly asOf, ChurnDefinition definition)
    {
        var (start, end) = definition.Bounds(asOf);
        int baseCount = 0, lost = 0, joinedAndLeft = 0;
        foreach (var customer in subscriptions.GroupBy(s => s.CustomerId))
        {
            var activeAtStart = customer.Any(s => s.IsActiveOn(start));
            var activeAtEnd = customer.Any(s => s.IsActiveOn(end));
            if (activeAtStart)
            {
                baseCount++;
                if (!activeAtEnd) lost++;
            }
            else if (!activeAtEnd && customer.Any(s => s.Start > start && s.Start <= end))
            {
                joinedAndLeft++;
            }
        }
        var numerator = lost + (definition.CountStartAndCancelInWindow ? joinedAndLeft : 0);
        return RateFigure.Of(numerator, baseCount,
            $"customer churn = customers lost in {definition.WindowText(asOf)} / customers active at the base; {definition.SameWindowText}");
    }

    /// <summary>Customer retention = customers active at the base day and still active on the last day / customers active at the base day.</summary>
    public static RateFigure CustomerRetention(IEnumerable<Subscription> subscriptions, DateOnly asOf, ChurnDefinition definition)
    {
        var (start, end) = definition.Bounds(asOf);
        int baseCount = 0, kept = 0;
        foreach (var customer in subscriptions.GroupBy(s => s.CustomerId))
        {
            if (!customer.Any(s => s.IsActiveOn(start))) continue;
            baseCount++;
            if (customer.Any(s => s.IsActiveOn(end))) kept++;
        }
        return RateFigure.Of(kept, baseCount,
            $"customer retention = customers active at the base still active at the end of {definition.WindowText(asOf)} / customers active at the base; new customers are not counted");
    }

    /// <summary>
    /// Revenue churn over the window, for the customers active at the base day only (new customers' MRR is excluded):
    /// gross revenue churn = (MRR lost to cancellations + contraction) / start MRR; net revenue churn = (lost +
    /// contraction - expansion) / start MRR; net revenue retention = these customers' MRR at the end / start MRR.
    /// </summary>
    public static RevenueChurnFigures RevenueChurn(IEnumerable<Subscription> subscriptions, DateOnly asOf, ChurnDefinition definition)
    {
        var (start, end) = definition.Bounds(asOf);
        decimal startMrr = 0, churned = 0, contraction = 0, expansion = 0, endMrr = 0;
        foreach (var customer in subscriptions.GroupBy(s => s.CustomerId))
        {
            var before = customer.Where(s => s.IsActiveOn(start)).Sum(s => s.MonthlyRecurringRevenue);
            if (before <= 0) continue;
            var after = customer.Where(s => s.IsActiveOn(end)).Sum(s => s.MonthlyRecurringRevenue);
            startMrr += before;
            endMrr += after;
            if (after == 0) churned += before;
            else if (after < before) contraction += before - after;
            else expansion += after - before;
        }
        var window = definition.WindowText(asOf);
        return new RevenueChurnFigures(startMrr, churned, contraction, expansion, endMrr,
            RateFigure.Of(churned + contraction, startMrr, $"gross revenue churn = (MRR of cancelled customers + contraction) over {window} / MRR at the base"),
            RateFigure.Of(churned + contraction - expansion, startMrr, $"net revenue churn = (cancelled MRR + contraction - expansion) over {window} / MRR at the base"),
            RateFigure.Of(endMrr, startMrr, $"net revenue retention = MRR at the end of {window} of the customers active at the base / their MRR at the base"));
    }
}
