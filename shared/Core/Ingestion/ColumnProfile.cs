using CustomerValue.Ingestion.Values;
using CustomerValue.Surveys;

namespace CustomerValue.Ingestion;

/// <summary>What the sampled values of one column look like: numbers, dates and their order, scales, free text.</summary>
internal sealed class ColumnProfile
{
    private const int MaxDistinct = 40;
    private readonly HashSet<string> distinct = new(StringComparer.OrdinalIgnoreCase);

    public int NonEmpty { get; private set; }
    public int Numbers { get; private set; }
    public int DotDecimals { get; private set; }
    public int CommaDecimals { get; private set; }
    private readonly int[] scaleCounts = new int[11];
    public int ScaleValues { get; private set; }
    public int ScaleMin { get; private set; } = int.MaxValue;
    public int ScaleMax { get; private set; } = int.MinValue;
    public int SatisfactionWords { get; private set; }
    public int AgreementWords { get; private set; }
    public int Dates { get; private set; }
    public int DayFirst { get; private set; }
    public int MonthFirst { get; private set; }
    public int EitherOrder { get; private set; }
    public int Words { get; private set; }
    public int Emails { get; private set; }
    public long TotalLength { get; private set; }
    public IReadOnlyCollection<string> Distinct => distinct;
    public bool DistinctOverflow { get; private set; }

    /// <summary>How many answers were integers in min..max (within 0..10).</summary>
    public int InRange(int min, int max)
    {
        var n = 0;
        for (var v = Math.Max(0, min); v <= Math.Min(10, max); v++) n += scaleCounts[v];
        return n;
    }

    public double Share(int count) => NonEmpty == 0 ? 0 : (double)count / NonEmpty;
    public double AverageLength => NonEmpty == 0 ? 0 : (double)TotalLength / NonEmpty;

    public void Add(string raw)
    {
        var value = raw.Trim();
        if (value.Length == 0) return;
        NonEmpty++;
        TotalLength += value.Length;
        if (distinct.Count < MaxDistinct) distinct.Add(value);
        else if (!distinct.Contains(value)) DistinctOverflow = true;

        var separator = Amounts.DecimalSeparatorEvidence(value);
        if (separator == '.') DotDecimals++;
        else if (separator == ',') CommaDecimals++;
        if (Amounts.TryParse(value, '.', out _, out _) || Amounts.TryParse(value, ',', out _, out _)) Numbers++;

        if (SurveyScales.TryLeadingInteger(value, out var scale))
        {
            ScaleValues++;
            ScaleMin = Math.Min(ScaleMin, scale);
            ScaleMax = Math.Max(ScaleMax, scale);
            if (scale is >= 0 and <= 10) scaleCounts[scale]++;
        }
        if (SurveyScales.TrySatisfactionWord(value, out _)) SatisfactionWords++;
        if (SurveyScales.TryAgreementWord(value, out _)) AgreementWords++;

        switch (Values.Dates.Evidence(value))
        {
            case DateEvidence.Unambiguous: Dates++; break;
            case DateEvidence.DayFirst: Dates++; DayFirst++; break;
            case DateEvidence.MonthFirst: Dates++; MonthFirst++; break;
            case DateEvidence.Either: Dates++; EitherOrder++; break;
        }
        if (value.Contains(' ') && value.Any(char.IsLetter)) Words++;
        if (value.Contains('@') && value.Contains('.') && !value.Contains(' ')) Emails++;
    }

    /// <summary>Feeds only the date evidence, for the look-ahead beyond the sample.</summary>
    public void AddDateEvidence(string raw)
    {
        switch (Values.Dates.Evidence(raw))
        {
            case DateEvidence.DayFirst: DayFirst++; break;
            case DateEvidence.MonthFirst: MonthFirst++; break;
        }
    }

    /// <summary>The order of day and month this column shows, or null when no value can tell.</summary>
    public DateOrder? DateOrder => DayFirst == 0 && MonthFirst == 0 ? null
        : DayFirst >= MonthFirst ? Ingestion.DateOrder.DayFirst : Ingestion.DateOrder.MonthFirst;

    public bool NeedsDateOrder => EitherOrder > 0 && DayFirst == 0 && MonthFirst == 0;

    /// <summary>The decimal separator the column uses; <paramref name="fallback"/> when no value can tell.</summary>
    public char DecimalSeparator(char fallback) =>
        CommaDecimals > DotDecimals ? ',' : DotDecimals > CommaDecimals ? '.' : fallback;
}
