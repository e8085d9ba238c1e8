using System.Globalization;
using CustomerValue.Domain;
using CustomerValue.Ingestion;

namespace CustomerValue.Models;

/// <summary>
/// Builds the model input: from a summary file (one row per customer) or from transactions cut at the end of the
/// calibration period.
/// </summary>
public static class RfmInputs
{
    private static readonly string[] IdNames = ["id", "customer_id", "customerid", "customer"];
    private static readonly string[] FrequencyNames = ["frequency", "x"];
    private static readonly string[] RecencyNames = ["recency", "t_x"];
    private static readonly string[] AgeNames = ["t", "age"];
    private static readonly string[] MonetaryNames = ["monetary", "monetary_value", "zbar", "m"];

    /// <summary>
    /// Reads a CSV with a header naming ID, frequency|x, recency|t_x, T and optionally monetary|zbar. Rows that do not
    /// parse are returned as rejections naming line and column; good rows are kept. Without an id column the
    /// 1-based row number is the id.
    /// </summary>
    public static IEnumerable<RowResult<RfmObservation>> ReadSummary(TextReader reader, string fileName)
    {
        var header = reader.ReadLine() ?? throw new UploadRejectedException(fileName, "the file is empty: expected a header with frequency, recency and T columns.");
        var names = header.Split(',').Select(h => h.Trim().Trim('"')).ToArray();
        var lower = names.Select(n => n.ToLowerInvariant()).ToArray();
        int Find(string[] candidates) => Array.FindIndex(lower, candidates.Contains);
        int id = Find(IdNames), x = Find(FrequencyNames), tx = Find(RecencyNames), T = Find(AgeNames), m = Find(MonetaryNames);
        var missing = new[] { (x, "frequency (or x)"), (tx, "recency (or t_x)"), (T, "T") }.Where(c => c.Item1 < 0).Select(c => c.Item2).ToList();
        if (missing.Count > 0)
            throw new UploadRejectedException(fileName, $"line 1: the header has no {string.Join(", ", missing)} column (found: {string.Join(", ", names)}).");

        long line = 1;
        string? text;
        while ((text = reader.ReadLine()) is not null)
        {
            line++;
            if (string.IsNullOrWhiteSpace(text)) continue;
            var cells = text.Split(',');
            RowResult<RfmObservation>? rejection = null;
            double Number(int column)
            {
                if (column >= cells.Length)
                {
                    rejection ??= RowResult<RfmObservation>.Reject(line, names[column], $"expected {names.Length} fields, found {cells.Length}");
                    return 0;
                }
                if (double.TryParse(cells[column].Trim().Trim('"'), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v)) return v;
                rejection ??= RowResult<RfmObservation>.Reject(line, names[column], "not a number", cells[column]);
                return 0;
            }
            var frequency = Number(x);
            var observation = new RfmObservation(
                id >= 0 && id < cells.Length ? cells[id].Trim().Trim('"') : (line - 1).ToString(CultureInfo.InvariantCulture),
                (int)frequency, Number(tx), Number(T), m >= 0 ? Number(m) : 0);
            if (rejection is null && (frequency != Math.Floor(frequency) || frequency < 0))
                rejection = RowResult<RfmObservation>.Reject(line, names[x], "frequency must be a whole number >= 0", cells[x]);
            if (rejection is null)
            {
                try { observation.Validate(); }
                catch (ArgumentException e) { rejection = RowResult<RfmObservation>.Reject(line, names[tx], e.Message, cells[tx]); }
            }
            yield return rejection ?? RowResult<RfmObservation>.Accept(line, observation);
        }
    }

    /// <summary>
    /// Calibration-period summaries from transactions: only lines dated on or before <paramref name="calibrationEnd"/>
    /// with a non-negative amount count (a $0 line is still a purchase, as in the published CDNOW summaries; refunds
    /// are not); lines on the same day are one purchase; x = purchase days - 1, t_x = last - first purchase day,
    /// T = calibration end - first purchase day, both divided by <paramref name="daysPerTimeUnit"/> (7 for weeks);
    /// zbar = mean spend of the repeat purchase days. Customers whose first purchase is after the end are left out.
    /// </summary>
    public static List<RfmObservation> FromTransactions(IEnumerable<Transaction> transactions, DateOnly calibrationEnd, double daysPerTimeUnit)
    {
        if (!(daysPerTimeUnit > 0)) throw new ArgumentOutOfRangeException(nameof(daysPerTimeUnit), "the time unit must be a positive number of days.");
        var spendByCustomerDay = new Dictionary<string, SortedDictionary<int, decimal>>(StringComparer.Ordinal);
        foreach (var t in transactions)
        {
            if (t.Date > calibrationEnd || !IsPurchase(t)) continue;
            if (!spendByCustomerDay.TryGetValue(t.CustomerId, out var days))
                spendByCustomerDay.Add(t.CustomerId, days = new SortedDictionary<int, decimal>());
            days[t.Date.DayNumber] = days.GetValueOrDefault(t.Date.DayNumber) + t.Amount;
        }
        var end = calibrationEnd.DayNumber;
        return spendByCustomerDay.Select(c =>
        {
            var first = c.Value.Keys.First();
            var last = c.Value.Keys.Last();
            var x = c.Value.Count - 1;
            var repeatSpend = x == 0 ? 0 : (double)c.Value.Values.Skip(1).Sum() / x;
            return new RfmObservation(c.Key, x, (last - first) / daysPerTimeUnit, (end - first) / daysPerTimeUnit, repeatSpend);
        }).ToList();
    }

    /// <summary>
    /// Purchases per customer after the calibration period, in (<paramref name="calibrationEnd"/>,
    /// <paramref name="holdoutEnd"/>], counted as <see cref="FromTransactions"/> counts them: purchase days, a $0 line
    /// counts, refunds do not. These are what a model's E[Y(t)] predicts for the customers of the calibration period.
    /// </summary>
    public static Dictionary<string, int> HoldoutPurchases(IEnumerable<Transaction> transactions, DateOnly calibrationEnd, DateOnly holdoutEnd)
    {
        var days = new HashSet<(string, int)>();
        foreach (var t in transactions)
            if (t.Date > calibrationEnd && t.Date <= holdoutEnd && IsPurchase(t)) days.Add((t.CustomerId, t.Date.DayNumber));
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (customer, _) in days) counts[customer] = counts.GetValueOrDefault(customer) + 1;
        return counts;
    }

    /// <summary>A line that counts as a purchase: a non-negative amount (refunds and cancellations carry negative ones).</summary>
    private static bool IsPurchase(Transaction t) => t.Amount >= 0;
}
