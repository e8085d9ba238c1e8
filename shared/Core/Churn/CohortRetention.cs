using CustomerValue.Domain;

namespace CustomerValue.Churn;

/// <summary>One signup-month cohort: its size and how many are active at the end of each month since (month 0 = signup month).</summary>
public sealed record CohortRow(int Year, int Month, int Size, IReadOnlyList<int> Active)
{
    public IReadOnlyList<double> Retention => Active.Select(a => Size == 0 ? 0 : (double)a / Size).ToArray();
    public string Label => $"{Year:D4}-{Month:D2}";
}

/// <summary>Cohort retention matrix with its definition.</summary>
public sealed record CohortMatrix(IReadOnlyList<CohortRow> Rows, string Definition);

public static class CohortRetention
{
    public const string Definition =
        "cohort = calendar month of a customer's first subscription start; cell k = share of the cohort with an active subscription on the last day of the k-th month after signup (k = 0 is the signup month); only months ended by the as-of day are shown";

    public static CohortMatrix ByMonth(IEnumerable<Subscription> subscriptions, DateOnly asOf)
    {
        var rows = subscriptions
            .Where(s => s.Start <= asOf)
            .GroupBy(s => s.CustomerId)
            .Select(g => (First: g.Min(s => s.Start), Subscriptions: g.ToList()))
            .GroupBy(c => (c.First.Year, c.First.Month))
            .OrderBy(g => g.Key)
            .Select(cohort =>
            {
                var active = new List<int>();
                for (var monthEnd = new DateOnly(cohort.Key.Year, cohort.Key.Month, 1).AddMonths(1).AddDays(-1);
                     monthEnd <= asOf;
                     monthEnd = monthEnd.AddDays(1).AddMonths(1).AddDays(-1))
                {
                    var day = monthEnd;
                    active.Add(cohort.Count(c => c.Subscriptions.Any(s => s.IsActiveOn(day))));
                }
                return new CohortRow(cohort.Key.Year, cohort.Key.Month, cohort.Count(), active);
            })
            .ToList();
        return new CohortMatrix(rows, Definition);
    }
}
