using CustomerValue.Ingestion.Sources;
using CustomerValue.Ingestion.Values;
using CustomerValue.Surveys;

namespace CustomerValue.Ingestion;

/// <summary>
/// Opens an upload: decides container, encoding, delimiter, header rows, kind and column roles from the bytes, the
/// headers and a bounded sample of rows, then hands back an <see cref="UploadReading"/> that streams the rows.
/// Two passes over a seekable stream keep memory independent of the file size; a non-seekable stream is first copied
/// to a temporary file.
/// </summary>
public static class UploadReader
{
    private static readonly UploadKind[] TabularKinds =
        [UploadKind.Transactions, UploadKind.Subscriptions, UploadKind.Tickets, UploadKind.Costs, UploadKind.Customers];

    /// <param name="stream">The upload; it is read but not closed.</param>
    /// <param name="fileName">The blob path or file name, used in messages; <c>uploads/&lt;kind&gt;/...</c> names the kind.</param>
    /// <param name="kindHint">The kind, when known; otherwise taken from the mapping, the path, or detected from the headers.</param>
    /// <param name="mapping">Explicit roles, date order and decimal separator where detection is unsure.</param>
    /// <exception cref="UploadRejectedException">The file cannot be read at all; the message says why, for the uploader.</exception>
    public static UploadReading Open(Stream stream, string fileName, UploadKind? kindHint, UploadMapping? mapping, IngestionLimits limits)
    {
        limits.Validated();
        mapping ??= new UploadMapping();
        var kind = kindHint ?? mapping.Kind ?? UploadKinds.FromPath(fileName);

        IDisposable? ownedCopy = null;
        if (!stream.CanSeek)
        {
            var copy = SpoolToTempFile(stream, fileName, limits);
            ownedCopy = copy;
            stream = copy;
        }
        else if (stream.Length > limits.MaxFileBytes)
        {
            throw new UploadRejectedException(fileName, $"the file is {stream.Length / (1024 * 1024):N0} MB; the limit is {limits.MaxFileBytes / (1024 * 1024):N0} MB. Split it into smaller files.");
        }

        try
        {
            return Decide(stream, fileName, kind, mapping, limits, ownedCopy);
        }
        catch
        {
            ownedCopy?.Dispose();
            throw;
        }
    }

    private static UploadReading Decide(Stream stream, string fileName, UploadKind? kind, UploadMapping mapping, IngestionLimits limits, IDisposable? ownedCopy)
    {
        var sniffed = ByteSniffer.Sniff(stream, fileName);
        ITabularSource source = sniffed.Container == UploadContainer.Xlsx
            ? new XlsxSource(stream, fileName, limits)
            : DelimiterSniffer.Sniff(stream, sniffed.Encoding) is { } delimiter
                ? new CsvSource(stream, sniffed.Encoding, delimiter, limits)
                : new AlignedTextSource(stream, sniffed.Encoding);

        using var rows = source.Rows().GetEnumerator();
        var first = new List<SourceRow>();
        while (first.Count < 3 && rows.MoveNext())
        {
            if (rows.Current.Problem is null) first.Add(rows.Current);
            else if (first.Count == 0) throw new UploadRejectedException(fileName, $"line {rows.Current.Line}: {rows.Current.Problem}.");
        }
        if (first.Count == 0)
            throw new UploadRejectedException(fileName, source.Container == UploadContainer.Xlsx
                ? "the workbook's first sheet has no rows, or the workbook is damaged: open it in Excel and save it again, or export it as CSV."
                : "the file has no rows.");

        var plainFormat = source.Container switch
        {
            UploadContainer.Xlsx => UploadFormat.Xlsx,
            UploadContainer.AlignedText => UploadFormat.AlignedText,
            _ => UploadFormat.Csv,
        };
        var layout = Headerless(first[0].Cells, kind) ?? SurveyLayout.Detect(first.Select(r => r.Cells).ToList(), plainFormat);
        if (layout.Format is UploadFormat.Qualtrics or UploadFormat.SurveyMonkey or UploadFormat.Typeform or UploadFormat.GoogleForms)
        {
            if (kind is { } k && k != UploadKind.Surveys)
                throw new UploadRejectedException(fileName, $"this is a {layout.Format} survey export, not a {k.Name()} file: upload it under uploads/surveys/.");
            kind = UploadKind.Surveys;
        }

        // Sample pass: profile up to SampleRows data rows.
        var width = layout.Names.Length;
        var profiles = Enumerable.Range(0, width).Select(_ => new ColumnProfile()).ToArray();
        var dataRows = 0;
        void Profile(SourceRow row)
        {
            if (row.Problem is not null) return;
            dataRows++;
            for (var i = 0; i < width && i < row.Cells.Length; i++) profiles[i].Add(row.Cells[i]);
        }
        foreach (var row in first.Skip(layout.HeaderRows)) Profile(row);
        var exhausted = false;
        while (dataRows < limits.SampleRows)
        {
            if (!rows.MoveNext()) { exhausted = true; break; }
            Profile(rows.Current);
        }
        if (dataRows == 0)
            throw new UploadRejectedException(fileName, layout.HeaderRows > 0 ? "the file has a header but no data rows." : "the file has no data rows.");

        var notes = new List<string>();
        if (sniffed.Note is { } encodingNote) notes.Add(encodingNote);
        kind ??= DetectKind(layout, profiles, limits) ?? throw new UploadRejectedException(fileName,
            $"cannot tell what kind of data this is from its columns ({Preview(layout.Names)}); upload it under uploads/<kind>/ (customers, transactions, costs, subscriptions, tickets, surveys) or give the kind.");
        var columns = AssignRoles(kind.Value, layout, profiles, mapping, limits, notes);
        CheckRequired(fileName, kind.Value, columns, layout);

        var format = kind == UploadKind.Surveys && layout.Format is UploadFormat.Csv or UploadFormat.Xlsx or UploadFormat.AlignedText
            ? UploadFormat.Plain : layout.Format;
        var decimalFallback = source.Delimiter == ';' ? ',' : '.';
        var separators = profiles.Select(p => mapping.DecimalSeparator ?? p.DecimalSeparator(decimalFallback)).ToArray();
        var orders = DecideDateOrders(fileName, format, columns, profiles, mapping, rows, exhausted, notes);
        var plan = new ColumnPlan(columns, separators, orders);
        var scales = CesScale(columns, profiles);
        return new UploadReading(fileName, kind.Value, format, sniffed.EncodingName, layout.HeaderRows, source, plan, limits, scales, notes, ownedCopy);
    }

    /// <summary>The CDNOW sample has no header: id [sample id] yyyyMMdd quantity amount. Recognized only for transactions.</summary>
    private static HeaderLayout? Headerless(string[] firstRow, UploadKind? kind)
    {
        if (kind is not (null or UploadKind.Transactions) || firstRow.Length is not (4 or 5)) return null;
        if (!firstRow.All(c => Amounts.TryParse(c, '.', out _, out _))) return null;
        var date = firstRow[^3];
        if (date.Length != 8 || !Dates.TryParse(date, null, out _)) return null;
        string[] names = firstRow.Length == 5
            ? ["customer_id", "sample_id", "date", "quantity", "amount"]
            : ["customer_id", "date", "quantity", "amount"];
        return new HeaderLayout(UploadFormat.AlignedText, 0, names, new string?[names.Length]);
    }

    private static UploadKind? DetectKind(HeaderLayout layout, ColumnProfile[] profiles, IngestionLimits limits)
    {
        UploadKind? best = null;
        var bestScore = 0;
        foreach (var kind in TabularKinds)
        {
            var roles = layout.Names.Select(n => RoleCatalog.Match(kind, n)).Where(m => m is not null).Select(m => m!.Value.Role).ToHashSet();
            if (!RoleCatalog.Required(kind).All(any => any.Any(roles.Contains))) continue;
            var score = roles.Count(r => r is not ColumnRole.CustomerId && !RoleCatalog.IsPersonal(r));
            if (score > bestScore) (best, bestScore) = (kind, score);
        }
        var surveyColumns = layout.Names.Select((n, i) => SurveyRoleDetector.Detect(i, n, layout.Questions[i], profiles[i], limits.RoleConfidenceThreshold))
            .Count(c => c.Role is ColumnRole.Nps or ColumnRole.Csat or ColumnRole.Ces);
        if (surveyColumns > 0 && bestScore <= 2) return UploadKind.Surveys;
        return best;
    }

    private static List<ColumnInfo> AssignRoles(UploadKind kind, HeaderLayout layout, ColumnProfile[] profiles, UploadMapping mapping, IngestionLimits limits, List<string> notes)
    {
        var columns = new List<ColumnInfo>();
        for (var i = 0; i < layout.Names.Length; i++)
        {
            var name = layout.Names[i];
            var question = layout.Questions[i];
            if (mapping.ColumnRoles.TryGetValue(name, out var mapped) || (question is not null && mapping.ColumnRoles.TryGetValue(question, out mapped)))
            {
                columns.Add(new ColumnInfo(i, name, mapped, 1.0, question, "from the mapping"));
                continue;
            }
            if (kind == UploadKind.Surveys)
            {
                columns.Add(SurveyRoleDetector.Detect(i, name, question, profiles[i], limits.RoleConfidenceThreshold));
                continue;
            }
            if (layout.HeaderRows == 0 && name == "sample_id")
            {
                columns.Add(new ColumnInfo(i, name, ColumnRole.Ignored, 1.0, null, "CDNOW sample id"));
                continue;
            }
            columns.Add(RoleCatalog.Match(kind, name) is { } match
                ? CheckValues(new ColumnInfo(i, name, match.Role, match.Confidence), profiles[i], limits.RoleConfidenceThreshold)
                : new ColumnInfo(i, name, ColumnRole.Attribute, 1.0));
        }

        // One column per role: the most confident (then the first) wins; the others are kept as attributes.
        var multi = new HashSet<ColumnRole> { ColumnRole.Attribute, ColumnRole.Ignored, ColumnRole.Comment, ColumnRole.NpsGroup, ColumnRole.Name, ColumnRole.Phone, ColumnRole.Address };
        foreach (var group in columns.Where(c => !multi.Contains(c.Role)).GroupBy(c => c.Role).Where(g => g.Count() > 1).ToList())
        {
            var winner = group.OrderByDescending(c => c.Confidence).ThenBy(c => c.Index).First();
            foreach (var loser in group.Where(c => c != winner))
            {
                // Survey platforms export several timestamps (EndDate, RecordedDate): the spare ones are bookkeeping.
                if (group.Key == ColumnRole.SubmittedAt && loser.Confidence >= 1.0)
                {
                    columns[loser.Index] = loser with { Role = ColumnRole.Ignored, Note = $"another timestamp; '{winner.Name}' is used" };
                    continue;
                }
                columns[loser.Index] = loser with { Role = ColumnRole.Attribute, Note = $"also looks like {group.Key}; '{winner.Name}' is used" };
                notes.Add($"column '{loser.Name}' also looks like {group.Key}; '{winner.Name}' is used and '{loser.Name}' kept as an attribute.");
            }
        }
        foreach (var unsure in columns.Where(c => c.IsUnsure))
            notes.Add($"column '{unsure.Name}': {unsure.Note}");
        return columns;
    }

    /// <summary>A header match whose values do not fit (an 'amount' of words) becomes unsure.</summary>
    private static ColumnInfo CheckValues(ColumnInfo column, ColumnProfile profile, double threshold)
    {
        if (profile.NonEmpty == 0) return column;
        var fits = column.Role switch
        {
            ColumnRole.Amount or ColumnRole.AcquisitionCost or ColumnRole.RecurringValue or ColumnRole.TotalValue or ColumnRole.Cost
                or ColumnRole.Quantity or ColumnRole.HandlingMinutes or ColumnRole.TenureMonths or ColumnRole.Age => profile.Share(profile.Numbers),
            ColumnRole.Date or ColumnRole.SignupDate or ColumnRole.StartDate or ColumnRole.EndDate or ColumnRole.CancelDate
                or ColumnRole.OpenedAt or ColumnRole.ClosedAt => profile.Share(profile.Dates),
            _ => 1.0,
        };
        if (fits >= 0.5) return column with { Confidence = Math.Round(column.Confidence * (0.8 + 0.2 * fits), 2) };
        var confidence = Math.Round(column.Confidence * fits, 2);
        return confidence < threshold
            ? column with { Role = ColumnRole.Attribute, Confidence = confidence, IsUnsure = true, Note = $"named like {column.Role} but only {fits:P0} of its values fit; not used: give it a role in a mapping file" }
            : column with { Confidence = confidence };
    }

    private static void CheckRequired(string fileName, UploadKind kind, List<ColumnInfo> columns, HeaderLayout layout)
    {
        var roles = columns.Select(c => c.Role).ToHashSet();
        var missing = RoleCatalog.Required(kind).Where(any => !any.Any(roles.Contains)).Select(any => string.Join(" or ", any.Select(Describe))).ToList();
        if (missing.Count > 0)
            throw new UploadRejectedException(fileName,
                $"a {kind.Name()} upload needs these columns, which were not found: {string.Join("; ", missing)} (columns: {Preview(layout.Names)}). Rename the column, give a mapping, or check that this is a {kind.Name()} file.");
    }

    private static string Describe(ColumnRole role) => role switch
    {
        ColumnRole.CustomerId => "customer id",
        ColumnRole.TenureMonths => "tenure",
        ColumnRole.StartDate => "start date",
        ColumnRole.OpenedAt => "opened date",
        ColumnRole.CostCategory => "category",
        _ => role.ToString().ToLowerInvariant(),
    };

    private static readonly HashSet<ColumnRole> DateRoles =
    [
        ColumnRole.Date, ColumnRole.SignupDate, ColumnRole.StartDate, ColumnRole.EndDate, ColumnRole.CancelDate,
        ColumnRole.OpenedAt, ColumnRole.ClosedAt, ColumnRole.SubmittedAt,
    ];

    /// <summary>
    /// Day/month order per date column: from the values (a day above 12 tells); when the sample cannot tell, the rest of the
    /// file is scanned for that column alone; then the mapping, then the platform's convention; otherwise the file is refused.
    /// </summary>
    private static DateOrder?[] DecideDateOrders(string fileName, UploadFormat format, List<ColumnInfo> columns, ColumnProfile[] profiles,
        UploadMapping mapping, IEnumerator<SourceRow> rows, bool exhausted, List<string> notes)
    {
        var dateColumns = columns.Where(c => DateRoles.Contains(c.Role)).Select(c => c.Index).ToList();
        var undecided = dateColumns.Where(i => profiles[i].NeedsDateOrder).ToList();
        if (undecided.Count > 0 && !exhausted && mapping.DateOrder is null)
        {
            while (undecided.Count > 0 && rows.MoveNext())
            {
                var cells = rows.Current.Cells;
                foreach (var i in undecided.Where(i => i < cells.Length)) profiles[i].AddDateEvidence(cells[i]);
                undecided.RemoveAll(i => !profiles[i].NeedsDateOrder);
            }
        }

        var orders = new DateOrder?[profiles.Length];
        foreach (var i in dateColumns)
        {
            var p = profiles[i];
            if (mapping.DateOrder is { } fromMapping) orders[i] = fromMapping;
            else if (p.DateOrder is { } seen)
            {
                orders[i] = seen;
                if (p.DayFirst > 0 && p.MonthFirst > 0)
                    notes.Add($"column '{columns[i].Name}' mixes day-first and month-first dates; {seen} is used and the other rows are rejected.");
            }
            else if (p.NeedsDateOrder)
            {
                orders[i] = format is UploadFormat.SurveyMonkey ? DateOrder.MonthFirst : null;
                if (orders[i] is null)
                {
                    var example = p.Distinct.FirstOrDefault(v => Dates.Evidence(v) == DateEvidence.Either) ?? "03/04/2024";
                    throw new UploadRejectedException(fileName,
                        $"column '{columns[i].Name}': every date (such as {example}) could be day-first or month-first, so the order cannot be told. Give a mapping with \"dateOrder\": \"dayFirst\" or \"monthFirst\", or write dates as yyyy-MM-dd.");
                }
            }
        }
        return orders;
    }

    /// <summary>CES scale: 1-5 when no answer is above 5, else 1-7; "effort" wording means a higher answer is harder.</summary>
    private static SurveyScalesInUse CesScale(List<ColumnInfo> columns, ColumnProfile[] profiles)
    {
        var ces = columns.FirstOrDefault(c => c.Role == ColumnRole.Ces);
        if (ces is null) return new SurveyScalesInUse(1, 7, true);
        var p = profiles[ces.Index];
        var max = p.AgreementWords > 0 || (p.ScaleValues > 0 && p.ScaleMax > 5) ? 7 : 5;
        var text = $"{ces.Name} {ces.Question}".ToLowerInvariant();
        var harder = text.Contains("effort") && !text.Contains("easy");
        return new SurveyScalesInUse(1, max, !harder);
    }

    private static string Preview(IEnumerable<string> names)
    {
        var list = names.Take(12).ToList();
        return string.Join(", ", list) + (names.Count() > 12 ? ", ..." : "");
    }

    private static FileStream SpoolToTempFile(Stream stream, string fileName, IngestionLimits limits)
    {
        var copy = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.DeleteOnClose);
        try
        {
            var buffer = new byte[1 << 16];
            long total = 0;
            int read;
            while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
            {
                total += read;
                if (total > limits.MaxFileBytes)
                    throw new UploadRejectedException(fileName, $"the file is larger than the limit of {limits.MaxFileBytes / (1024 * 1024):N0} MB. Split it into smaller files.");
                copy.Write(buffer, 0, read);
            }
            copy.Position = 0;
            return copy;
        }
        catch
        {
            copy.Dispose();
            throw;
        }
    }
}
