namespace CustomerValue.Ingestion;

/// <summary>The decisions made before streaming: each column's role, decimal separator and date order.</summary>
internal sealed class ColumnPlan
{
    private readonly Dictionary<ColumnRole, int> firstByRole = [];

    public ColumnPlan(IReadOnlyList<ColumnInfo> columns, char[] decimalSeparators, DateOrder?[] dateOrders)
    {
        Columns = columns;
        DecimalSeparators = decimalSeparators;
        DateOrders = dateOrders;
        foreach (var c in columns) firstByRole.TryAdd(c.Role, c.Index);
        AttributeIndexes = columns.Where(c => c.Role is ColumnRole.Attribute or ColumnRole.Plan or ColumnRole.Segment
            or ColumnRole.Region or ColumnRole.Country or ColumnRole.City or ColumnRole.Phone or ColumnRole.Address).Select(c => c.Index).ToArray();
        NameIndexes = columns.Where(c => c.Role == ColumnRole.Name).Select(c => c.Index).ToArray();
        var personal = AttributeIndexes.Select(i => columns[i]).Where(c => c.Role is ColumnRole.Phone or ColumnRole.Address).ToList();
        PersonalAttributeRoles = personal.Count == 0 ? null
            : personal.GroupBy(c => c.Name, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.First().Role, StringComparer.OrdinalIgnoreCase);
        CommentIndexes = columns.Where(c => c.Role == ColumnRole.Comment).Select(c => c.Index).ToArray();
    }

    public IReadOnlyList<ColumnInfo> Columns { get; }
    public char[] DecimalSeparators { get; }
    public DateOrder?[] DateOrders { get; }
    public int[] AttributeIndexes { get; }
    /// <summary>Attribute columns of a personal role (phone, address), by name; null when there are none.</summary>
    public IReadOnlyDictionary<string, ColumnRole>? PersonalAttributeRoles { get; }
    public int[] CommentIndexes { get; }
    /// <summary>Columns of a person's name (one, or first and last): a customer's name; an attribute for other kinds.</summary>
    public int[] NameIndexes { get; }
    public int Width => Columns.Count;

    public int IndexOf(ColumnRole role) => firstByRole.GetValueOrDefault(role, -1);
    public bool Has(ColumnRole role) => firstByRole.ContainsKey(role);
    public string NameOf(int index) => index >= 0 && index < Columns.Count ? Columns[index].Name : $"field {index + 1}";

    /// <summary>A cell's value as it may be shown back (in the rejected-rows file): masked when its column is personal.</summary>
    public string? Shown(int index, string? raw) =>
        index >= 0 && index < Columns.Count ? Reports.PersonalData.Mask(Columns[index].Role, raw) : raw;
}
