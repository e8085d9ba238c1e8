using CustomerValue.Domain;
using CustomerValue.Ingestion.Sources;

namespace CustomerValue.Ingestion;

/// <summary>
/// An upload whose layout has been decided (kind, format, delimiter, encoding, column roles, date order) and whose rows
/// can now be streamed. Each call to a row method reads the file again from the start; memory stays bounded by one row.
/// Dispose it to release a temporary copy made for a non-seekable stream (the caller's stream is never closed).
/// </summary>
public sealed class UploadReading : IDisposable
{
    private readonly ITabularSource source;
    private readonly ColumnPlan plan;
    private readonly IngestionLimits limits;
    private readonly SurveyScalesInUse surveyScales;
    private readonly IDisposable? ownedCopy;

    internal UploadReading(string fileName, UploadKind kind, UploadFormat format, string encoding, int headerRows,
        ITabularSource source, ColumnPlan plan, IngestionLimits limits, SurveyScalesInUse surveyScales,
        IReadOnlyList<string> notes, IDisposable? ownedCopy)
    {
        FileName = fileName;
        Kind = kind;
        Format = format;
        Encoding = encoding;
        HeaderRows = headerRows;
        this.source = source;
        this.plan = plan;
        this.limits = limits;
        this.surveyScales = surveyScales;
        Notes = notes;
        this.ownedCopy = ownedCopy;
    }

    public string FileName { get; }
    public UploadKind Kind { get; }
    /// <summary>qualtrics, surveymonkey, typeform, googleforms or plain for surveys; csv, xlsx or alignedtext otherwise.</summary>
    public UploadFormat Format { get; }
    public UploadContainer Container => source.Container;
    /// <summary>The field delimiter; null for workbooks and space-aligned text.</summary>
    public char? Delimiter => source.Delimiter;
    public string DelimiterName => Delimiter switch
    {
        null => Container == UploadContainer.Xlsx ? "none" : "spaces",
        '\t' => "tab",
        char d => d.ToString(),
    };
    /// <summary>utf-8, utf-8-bom, utf-16le, utf-16be, windows-1252 or xlsx.</summary>
    public string Encoding { get; }
    public int HeaderRows { get; }
    public IReadOnlyList<ColumnInfo> Columns => plan.Columns;
    /// <summary>Decisions worth telling the uploader: unsure columns, mixed date orders, columns shadowed by another.</summary>
    public IReadOnlyList<string> Notes { get; }
    /// <summary>
    /// What the last read of the rows could not do: a tail of the file left unread (a damaged workbook, a quoted record
    /// beyond the row limit). Filled as the rows stream; read it after them.
    /// </summary>
    public IReadOnlyList<string> Warnings => warnings;
    private readonly List<string> warnings = [];

    /// <summary>The day/month order used for each date column that needed one.</summary>
    public IReadOnlyDictionary<string, DateOrder> DateOrders =>
        plan.Columns.Where(c => plan.DateOrders[c.Index] is not null).ToDictionary(c => c.Name, c => plan.DateOrders[c.Index]!.Value);
    public SurveyScalesInfo? SurveyScales => Kind == UploadKind.Surveys
        ? new SurveyScalesInfo(surveyScales.CesMin, surveyScales.CesMax, surveyScales.CesHigherIsEasier) : null;

    /// <summary>The name of the column that has the role, or null.</summary>
    public string? ColumnOf(ColumnRole role) => plan.Has(role) ? plan.NameOf(plan.IndexOf(role)) : null;

    public IEnumerable<RowResult<CustomerRecord>> Customers() => Rows(UploadKind.Customers, RecordMappers.Customer);
    public IEnumerable<RowResult<Transaction>> Transactions() => Rows(UploadKind.Transactions, RecordMappers.Transaction);
    public IEnumerable<RowResult<CostRecord>> Costs() => Rows(UploadKind.Costs, RecordMappers.Cost);
    public IEnumerable<RowResult<SubscriptionRecord>> Subscriptions() => Rows(UploadKind.Subscriptions, RecordMappers.Subscription);
    public IEnumerable<RowResult<TicketRecord>> Tickets() => Rows(UploadKind.Tickets, RecordMappers.Ticket);
    public IEnumerable<RowResult<SurveyResponse>> SurveyResponses() => Rows(UploadKind.Surveys, c => RecordMappers.Survey(c, surveyScales));

    /// <summary>Every data row of the file, accepted or rejected, whatever the kind.</summary>
    /// <remarks>
    /// The kinds stored row by row (all but transactions, which are aggregated per customer) are also measured in
    /// their stored form (<see cref="StoredRows"/>): a row too large for a table row is rejected here.
    /// </remarks>
    public IEnumerable<RowResult<UploadRecord>> Records() => Kind switch
    {
        UploadKind.Customers => Rows(Kind, c => Stored(RecordMappers.Customer(c), c, UploadRecord.Of)),
        UploadKind.Transactions => Rows(Kind, c => Wrap(RecordMappers.Transaction(c), UploadRecord.Of)),
        UploadKind.Costs => Rows(Kind, c => Stored(RecordMappers.Cost(c), c, UploadRecord.Of)),
        UploadKind.Subscriptions => Rows(Kind, c => Stored(RecordMappers.Subscription(c), c, UploadRecord.Of)),
        UploadKind.Tickets => Rows(Kind, c => Stored(RecordMappers.Ticket(c), c, UploadRecord.Of)),
        _ => Rows(Kind, c => Stored(RecordMappers.Survey(c, surveyScales), c, UploadRecord.Of)),
    };

    private static RowResult<UploadRecord> Wrap<T>(RowResult<T> row, Func<T, UploadRecord> of) =>
        row.IsAccepted ? RowResult<UploadRecord>.Accept(row.Line, of(row.Value!)) : new RowResult<UploadRecord>(row.Line, null, row.Rejection);

    private static RowResult<UploadRecord> Stored<T>(RowResult<T> row, RowCells cells, Func<T, UploadRecord> of)
    {
        var wrapped = Wrap(row, of);
        return wrapped.IsAccepted && StoredRows.Check(wrapped.Value!, cells) is { } tooLarge
            ? new RowResult<UploadRecord>(row.Line, null, tooLarge)
            : wrapped;
    }

    private IEnumerable<RowResult<T>> Rows<T>(UploadKind kind, Func<RowCells, RowResult<T>> map)
    {
        if (kind != Kind) throw new InvalidOperationException($"{FileName} holds {Kind.Name()}, not {kind.Name()}.");
        var cells = new RowCells(plan);
        var skipped = 0;
        warnings.Clear();
        foreach (var row in source.Rows())
        {
            if (row.EndsReading) warnings.Add($"the reading stopped at line {row.Line:N0} and the rest of the file was not read: {row.Problem}");
            if (skipped < HeaderRows) { skipped++; continue; }
            if (Check(row) is { } rejection)
            {
                yield return new RowResult<T>(row.Line, default, rejection);
                continue;
            }
            cells.Reset(row.Line, row.Cells);
            yield return map(cells);
        }
    }

    /// <summary>Problems of the row as a whole, before any value is read: broken quoting, NULs, over-long cells, extra fields.</summary>
    private RowRejection? Check(SourceRow row)
    {
        if (row.Problem is not null) return new RowRejection(row.Line, null, row.Problem);
        var total = 0;
        var cells = row.Cells;
        for (var i = 0; i < cells.Length; i++)
        {
            var cell = cells[i];
            total += cell.Length;
            if (cell.Length > limits.MaxCellChars)
                return new RowRejection(row.Line, plan.NameOf(i), $"the cell has {cell.Length:N0} characters; the limit is {limits.MaxCellChars:N0}", plan.Shown(i, cell[..Math.Min(40, cell.Length)] + "..."));
            if (cell.Contains('\0'))
                return new RowRejection(row.Line, plan.NameOf(i), "the cell contains a NUL character (binary data)", plan.Shown(i, cell)?.Replace("\0", "\\0"));
            if (i >= plan.Width && cell.Trim().Length > 0)
                return new RowRejection(row.Line, plan.NameOf(i),
                    $"the row has {cells.Length} fields but the header has {plan.Width}: is there an unquoted '{DelimiterName}' in a value?", cell);
        }
        if (total > limits.MaxRowChars)
            return new RowRejection(row.Line, null, $"the row has {total:N0} characters; the limit is {limits.MaxRowChars:N0}");
        return null;
    }

    public void Dispose() => ownedCopy?.Dispose();
}

/// <summary>The CES scale found in a survey: its range and direction.</summary>
public sealed record SurveyScalesInfo(int CesMin, int CesMax, bool CesHigherIsEasier);
