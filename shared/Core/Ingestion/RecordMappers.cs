using CustomerValue.Domain;
using CustomerValue.Surveys;

namespace CustomerValue.Ingestion;

/// <summary>Turns the cells of one row into the record of its kind, or the first reason it cannot be taken.</summary>
internal static class RecordMappers
{
    public static RowResult<CustomerRecord> Customer(RowCells c)
    {
        if (!c.Require(ColumnRole.CustomerId, "customer id", out var id)
            || !c.Date(ColumnRole.SignupDate, out var signup)
            || !c.Decimal(ColumnRole.AcquisitionCost, out var cac, out _)
            || !c.Integer(ColumnRole.Age, 0, 130, out var age)
            || !c.Integer(ColumnRole.BirthYear, 1900, 2100, out var birthYear))
            return Rejected<CustomerRecord>(c);
        return RowResult<CustomerRecord>.Accept(c.Line, new CustomerRecord(
            id, signup is { } s ? DateOnly.FromDateTime(s) : null, c.Text(ColumnRole.Plan), c.Text(ColumnRole.Channel), cac, age, birthYear,
            c.Text(ColumnRole.Occupation), c.Text(ColumnRole.Country), c.Text(ColumnRole.Region), c.Text(ColumnRole.City),
            c.Text(ColumnRole.Email), c.Attributes(withNames: false), c.PersonName(), c.PersonalAttributeRoles()));
    }

    public static RowResult<Transaction> Transaction(RowCells c)
    {
        if (!c.Require(ColumnRole.CustomerId, "customer id", out var id)) return Rejected<Transaction>(c);
        if (!c.Date(ColumnRole.Date, out var date)) return Rejected<Transaction>(c);
        if (date is null) { c.Fail(ColumnRole.Date, "date is empty"); return Rejected<Transaction>(c); }
        if (!c.Decimal(ColumnRole.Amount, out var amount, out var currency)) return Rejected<Transaction>(c);
        if (amount is null) { c.Fail(ColumnRole.Amount, "amount is empty"); return Rejected<Transaction>(c); }
        if (!c.Integer(ColumnRole.Quantity, -1_000_000, 1_000_000, out var quantity)) return Rejected<Transaction>(c);

        var type = TypeOf(c.Text(ColumnRole.TransactionType), amount.Value);
        // Refunds and cancellations reduce revenue whichever sign the file wrote them with.
        var value = type == TransactionType.Purchase ? amount.Value : -Math.Abs(amount.Value);
        return RowResult<Transaction>.Accept(c.Line, new Transaction(
            id, DateOnly.FromDateTime(date.Value), value, c.Text(ColumnRole.OrderId), quantity ?? 1, c.Text(ColumnRole.Product),
            c.Text(ColumnRole.Category), type, c.Text(ColumnRole.Currency) ?? currency));
    }

    private static TransactionType TypeOf(string? text, decimal amount)
    {
        if (text is not null)
        {
            var t = text.ToLowerInvariant();
            if (t.Contains("refund") || t.Contains("return") || t.Contains("chargeback")) return TransactionType.Refund;
            if (t.Contains("cancel") || t.Contains("void")) return TransactionType.Cancellation;
        }
        return amount < 0 ? TransactionType.Refund : TransactionType.Purchase;
    }

    public static RowResult<CostRecord> Cost(RowCells c)
    {
        if (!c.Decimal(ColumnRole.Amount, out var amount, out var currency)) return Rejected<CostRecord>(c);
        if (amount is null) { c.Fail(ColumnRole.Amount, "amount is empty"); return Rejected<CostRecord>(c); }
        var categoryText = c.Text(ColumnRole.CostCategory);
        if (categoryText is null) { c.Fail(ColumnRole.CostCategory, "category is empty (acquisition, service, support or marketing)"); return Rejected<CostRecord>(c); }
        if (CategoryOf(categoryText) is not { } category)
        {
            c.Fail(ColumnRole.CostCategory, $"'{categoryText}' is not a cost category (acquisition, service, support or marketing)");
            return Rejected<CostRecord>(c);
        }
        if (!c.Date(ColumnRole.Date, out var date)) return Rejected<CostRecord>(c);
        var period = c.Text(ColumnRole.Period);
        if (date is null && period is null)
        {
            c.Fail(c.Plan.Has(ColumnRole.Date) ? ColumnRole.Date : ColumnRole.Period, "neither a date nor a period is given");
            return Rejected<CostRecord>(c);
        }
        return RowResult<CostRecord>.Accept(c.Line, new CostRecord(category, amount.Value, c.Text(ColumnRole.CustomerId), c.Text(ColumnRole.Segment),
            c.Text(ColumnRole.Channel), c.Text(ColumnRole.Campaign), date is { } d ? DateOnly.FromDateTime(d) : null, period,
            c.Text(ColumnRole.Currency) ?? currency));
    }

    private static CostCategory? CategoryOf(string text)
    {
        var t = text.ToLowerInvariant();
        if (t.StartsWith("acq") || t == "cac") return CostCategory.Acquisition;
        if (t.Contains("support")) return CostCategory.Support;
        if (t.Contains("service") || t.Contains("serving")) return CostCategory.Service;
        if (t.Contains("market") || t.Contains("advert") || t == "ads") return CostCategory.Marketing;
        if (t == "other") return CostCategory.Other;
        return null;
    }

    public static RowResult<SubscriptionRecord> Subscription(RowCells c)
    {
        if (!c.Require(ColumnRole.CustomerId, "customer id", out var id)
            || !c.Date(ColumnRole.StartDate, out var start)
            || !c.Date(ColumnRole.EndDate, out var end)
            || !c.Date(ColumnRole.CancelDate, out var cancelled)
            || !c.Decimal(ColumnRole.RecurringValue, out var recurring, out _)
            || !c.Decimal(ColumnRole.TotalValue, out var total, out _)
            || !c.Integer(ColumnRole.TenureMonths, 0, 2400, out var tenure)
            || !c.Flag(ColumnRole.Churned, out var churned))
            return Rejected<SubscriptionRecord>(c);
        if (start is null && tenure is null)
        {
            c.Fail(c.Plan.Has(ColumnRole.StartDate) ? ColumnRole.StartDate : ColumnRole.TenureMonths, "neither a start date nor a tenure is given");
            return Rejected<SubscriptionRecord>(c);
        }
        if (start is not null && end is not null && end < start)
        {
            c.Fail(ColumnRole.EndDate, $"ends ({end:yyyy-MM-dd}) before it starts ({start:yyyy-MM-dd})");
            return Rejected<SubscriptionRecord>(c);
        }
        var plan = c.Text(ColumnRole.Plan);
        var billing = PeriodOf(c.Text(ColumnRole.BillingPeriod)) ?? PeriodOf(plan) ?? BillingPeriod.Unknown;
        return RowResult<SubscriptionRecord>.Accept(c.Line, new SubscriptionRecord(id, plan, ToDay(start), ToDay(end), ToDay(cancelled), recurring,
            billing, tenure, total, churned ?? (cancelled is not null ? true : null), c.Attributes()));
    }

    private static BillingPeriod? PeriodOf(string? text)
    {
        if (text is null) return null;
        var t = text.ToLowerInvariant();
        if (t.Contains("two year") || t.Contains("2 year") || t.Contains("biennial")) return BillingPeriod.TwoYearly;
        if (t.Contains("year") || t.Contains("annual")) return BillingPeriod.Yearly;
        if (t.Contains("quarter")) return BillingPeriod.Quarterly;
        if (t.Contains("month")) return BillingPeriod.Monthly;
        if (t.Contains("week")) return BillingPeriod.Weekly;
        return null;
    }

    public static RowResult<TicketRecord> Ticket(RowCells c)
    {
        if (!c.Require(ColumnRole.CustomerId, "customer id", out var id)
            || !c.Date(ColumnRole.OpenedAt, out var opened)
            || !c.Date(ColumnRole.ClosedAt, out var closed)
            || !c.Decimal(ColumnRole.Cost, out var cost, out _)
            || !c.Decimal(ColumnRole.HandlingMinutes, out var minutes, out _)
            || !c.Integer(ColumnRole.Rating, 0, 10, out var rating))
            return Rejected<TicketRecord>(c);
        if (opened is null) { c.Fail(ColumnRole.OpenedAt, "opening date is empty"); return Rejected<TicketRecord>(c); }
        if (closed is not null && closed < opened)
        {
            c.Fail(ColumnRole.ClosedAt, $"closed ({closed:yyyy-MM-dd HH:mm}) before it was opened ({opened:yyyy-MM-dd HH:mm})");
            return Rejected<TicketRecord>(c);
        }
        if (minutes < 0) { c.Fail(ColumnRole.HandlingMinutes, "handling time is negative"); return Rejected<TicketRecord>(c); }
        return RowResult<TicketRecord>.Accept(c.Line, new TicketRecord(id, opened.Value, closed, c.Text(ColumnRole.TicketId), c.Text(ColumnRole.Channel),
            cost, minutes is { } m ? (double)m : null, rating));
    }

    public static RowResult<SurveyResponse> Survey(RowCells c, SurveyScalesInUse scales)
    {
        if (!c.Date(ColumnRole.SubmittedAt, out var submitted)) return Rejected<SurveyResponse>(c);
        if (!Score(c, ColumnRole.Nps, 0, 10, null, out var nps)
            || !Score(c, ColumnRole.Csat, 1, 5, SurveyScales.TrySatisfactionWord, out var csat)
            || !Score(c, ColumnRole.Ces, scales.CesMin, scales.CesMax, SurveyScales.TryAgreementWord, out var ces))
            return Rejected<SurveyResponse>(c);

        bool finished;
        var finishedText = c.Text(ColumnRole.Finished);
        if (finishedText is not null)
        {
            if (!c.Flag(ColumnRole.Finished, out var flag)) return Rejected<SurveyResponse>(c);
            finished = flag!.Value;
        }
        else finished = !c.Plan.Has(ColumnRole.SubmittedAt) || submitted is not null;

        List<SurveyComment>? comments = null;
        foreach (var i in c.Plan.CommentIndexes)
        {
            if (c.TextAt(i) is not { } text) continue;
            var column = c.Plan.Columns[i];
            (comments ??= []).Add(new SurveyComment(column.Question ?? column.Name, text));
        }
        var responseId = c.Text(ColumnRole.ResponseId) ?? $"{Surveys.SurveyResponses.SynthesisedIdPrefix}{c.Line}";
        return RowResult<SurveyResponse>.Accept(c.Line, new SurveyResponse(
            responseId, c.Text(ColumnRole.CustomerId), c.Text(ColumnRole.Email), submitted, finished, nps, csat,
            ces is { } e ? new CesAnswer(e, scales.CesMin, scales.CesMax, scales.CesHigherIsEasier) : null,
            (IReadOnlyList<SurveyComment>?)comments ?? [], c.Attributes()));
    }

    private delegate bool WordScale(string text, out int value);

    private static bool Score(RowCells c, ColumnRole role, int min, int max, WordScale? words, out int? value)
    {
        value = null;
        var index = c.Plan.IndexOf(role);
        var text = c.TextAt(index);
        if (text is null) return true;
        if (SurveyScales.TryLeadingInteger(text, out var n) || (words is not null && words(text, out n)))
        {
            if (n < min || n > max) return c.FailAt(index, $"{role} answer {n} is outside {min}..{max}");
            value = n;
            return true;
        }
        return c.FailAt(index, $"'{text}' is not a {role} answer on {min}..{max}");
    }

    private static DateOnly? ToDay(DateTime? value) => value is { } v ? DateOnly.FromDateTime(v) : null;

    private static RowResult<T> Rejected<T>(RowCells c) => new(c.Line, default, c.Rejection);
}

/// <summary>The CES scale of a survey: its range, and whether a higher answer means less effort.</summary>
internal sealed record SurveyScalesInUse(int CesMin, int CesMax, bool CesHigherIsEasier);
