using System.Globalization;
using CustomerValue.Domain;
using CustomerValue.Surveys;

namespace CustomerValue.Snapshots;

/// <summary>
/// The customer base as it stood at the end of a day: only what happened at or before it. Purchases and refunds after
/// the day are cut away, profiles that signed up later are left out, subscriptions that started later are left out
/// and ends or cancellations after the day are not yet known, tickets opened later, survey answers (and their
/// comments) submitted later and cost lines dated later do not count. Rows without a date cannot be placed in time
/// and always count.
/// </summary>
public static class PointInTime
{
    public static CustomerBase Cut(CustomerBase data, DateOnly asOf)
    {
        // The same platform response in two uploads is one answer.
        var surveys = SurveyResponses.Distinct(data.Surveys.Where(s => s.SubmittedAt is not { } at || DateOnly.FromDateTime(at) <= asOf));
        var answered = surveys.Select(s => s.ResponseId).ToHashSet(StringComparer.Ordinal);
        return new CustomerBase
        {
            Purchases = data.Purchases.Select(p => p.Through(asOf)).Where(p => p.PurchaseDays > 0 || p.Refunds > 0).ToList(),
            Profiles = data.Profiles.Where(p => p.SignupDate is not { } signup || signup <= asOf).ToList(),
            Costs = data.Costs.Where(c => DateOf(c) is not { } day || day <= asOf).ToList(),
            Subscriptions = data.Subscriptions.Where(s => s.Start is not { } start || start <= asOf)
                .Select(s => s with { End = s.End > asOf ? null : s.End, CancelledOn = s.CancelledOn > asOf ? null : s.CancelledOn }).ToList(),
            Tickets = data.Tickets.Where(t => DateOnly.FromDateTime(t.OpenedAt) <= asOf).ToList(),
            Surveys = surveys,
            Comments = data.Comments.Where(c => c.ResponseId is null || answered.Contains(c.ResponseId)).ToList(),
        };
    }

    /// <summary>The newest dated row of the base (purchase, refund, subscription start or end, ticket, survey answer, cost); null when none is dated.</summary>
    public static DateOnly? NewestDatedRow(CustomerBase data)
    {
        DateOnly? newest = null;
        void See(DateOnly? day) { if (day is { } d && (newest is null || d > newest)) newest = d; }
        foreach (var p in data.Purchases) See(p.LastActivity);
        foreach (var s in data.Subscriptions) { See(s.Start); See(s.End); See(s.CancelledOn); }
        foreach (var t in data.Tickets) See(DateOnly.FromDateTime(t.OpenedAt));
        foreach (var s in data.Surveys) See(s.SubmittedAt is { } at ? DateOnly.FromDateTime(at) : null);
        foreach (var c in data.Costs) See(DateOf(c));
        foreach (var p in data.Profiles) See(p.SignupDate);
        return newest;
    }

    /// <summary>The day a cost line is booked on: its date, else the first day of its period (2024-03, 2024-Q1, 2024); null when undated.</summary>
    public static DateOnly? DateOf(CostRecord cost)
    {
        if (cost.Date is { } date) return date;
        if (string.IsNullOrWhiteSpace(cost.Period)) return null;
        var text = cost.Period.Trim();
        if (DateOnly.TryParseExact(text, ["yyyy-MM-dd", "yyyy-MM", "yyyy/MM", "yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var start)) return start;
        if (text.Length == 7 && int.TryParse(text[..4], NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            && text[4] == '-' && (text[5] is 'Q' or 'q') && text[6] is >= '1' and <= '4')
            return new DateOnly(year, (text[6] - '1') * 3 + 1, 1);
        return null;
    }
}
