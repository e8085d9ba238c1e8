using CustomerValue.Domain;
using CustomerValue.Segments;

namespace CustomerValue.Value;

/// <summary>
/// A customer's cost by kind (see DEFINITIONS.md, "cost"). <see cref="Total"/> = acquisition + allocated + support +
/// service + other.
/// </summary>
public sealed record CostBreakdown(decimal Acquisition, decimal Allocated, decimal Support, decimal Service, decimal Other)
{
    public static CostBreakdown Zero { get; } = new(0, 0, 0, 0, 0);
    public decimal Total => Acquisition + Allocated + Support + Service + Other;

    /// <summary>The part of <see cref="Allocated"/> that came from acquisition and marketing cost lines (what CAC counts besides <see cref="Acquisition"/>).</summary>
    public decimal AllocatedAcquisition { get; init; }

    /// <summary>A cost line booked to the customer themself, by its category.</summary>
    public CostBreakdown AddOwn(CostCategory category, decimal amount) => category switch
    {
        CostCategory.Acquisition => this with { Acquisition = Acquisition + amount },
        CostCategory.Support => this with { Support = Support + amount },
        CostCategory.Service => this with { Service = Service + amount },
        _ => this with { Other = Other + amount },
    };
}

/// <summary>What the allocator knows of one customer: the groups a cost line can name.</summary>
public sealed record CostGroups(string CustomerId, string? Campaign, string? Plan, string? Channel, string? Country, string? Region, string? Occupation, string? Contract)
{
    public string? Value(string field) => field switch
    {
        CostAllocator.CampaignField => Campaign,
        SegmentDimensions.Plan => Plan ?? Contract,
        SegmentDimensions.Channel => Channel,
        SegmentDimensions.Country => Country,
        SegmentDimensions.Region => Region,
        SegmentDimensions.Occupation => Occupation,
        SegmentDimensions.Contract => Contract,
        _ => null,
    };
}

/// <summary>Per-customer costs of the cost lines, and what no customer took (each group with the reason).</summary>
public sealed record CostAllocationResult(IReadOnlyDictionary<string, CostBreakdown> ByCustomer, IReadOnlyDictionary<string, decimal> Unallocated)
{
    public decimal UnallocatedTotal => Unallocated.Values.Sum();

    /// <summary>One warning per reason, with the amount, for the snapshot's warnings.</summary>
    public IEnumerable<string> Warnings => Unallocated.Select(u =>
        FormattableString.Invariant($"{u.Value:0.00} of costs were not allocated to customers: {u.Key}."));
}

/// <summary>
/// Cost lines to customers (the one allocator). A cost line goes to the most specific group the file names that has
/// customers: the customer; the campaign (customers whose profile has a campaign column with that value); the segment,
/// written "dimension:value" over a profile dimension (plan, channel, country, region, occupation, contract); the
/// acquisition channel. A group's cost is split equally over its customers (the customers known at the as-of day).
/// A line booked to the customer counts by its category; a shared line is "allocated". Whatever finds no customer
/// stays out of every customer's cost and is listed by reason.
/// </summary>
public static class CostAllocator
{
    public const string Definition =
        "cost lines go to the customer they name, else in equal shares to the customers of the campaign, segment (dimension:value) or acquisition channel they name, the most specific group with customers first";

    internal const string CampaignField = "campaign";

    /// <summary>Profile columns that name the campaign a customer came from (compared without case or punctuation).</summary>
    private static readonly HashSet<string> CampaignColumns = ["campaign", "campaignname", "utmcampaign", "acquisitioncampaign"];

    private static readonly string[] ProfileDimensions =
        [SegmentDimensions.Plan, SegmentDimensions.Channel, SegmentDimensions.Country, SegmentDimensions.Region, SegmentDimensions.Occupation, SegmentDimensions.Contract];

    /// <summary>The campaign a profile names in one of its campaign columns.</summary>
    public static string? CampaignOf(CustomerRecord? profile) =>
        profile?.Attributes?.FirstOrDefault(a => CampaignColumns.Contains(new string([.. a.Key.Where(char.IsLetterOrDigit)]).ToLowerInvariant())).Value?.Trim();

    public static CostAllocationResult Allocate(IReadOnlyList<CostRecord> costs, IReadOnlyList<CostGroups> customers)
    {
        var known = customers.ToDictionary(c => c.CustomerId, StringComparer.Ordinal);
        var byCustomer = new Dictionary<string, CostBreakdown>(StringComparer.Ordinal);
        // One pass over the customers per field a cost names: value -> its customers.
        var indexes = new Dictionary<string, Dictionary<string, List<string>>>(StringComparer.Ordinal);
        List<string> Members(string field, string value)
        {
            if (!indexes.TryGetValue(field, out var index))
            {
                indexes[field] = index = new Dictionary<string, List<string>>(StringComparer.OrdinalIgnoreCase);
                foreach (var c in customers)
                    if (c.Value(field)?.Trim() is { Length: > 0 } v)
                        (index.TryGetValue(v, out var list) ? list : index[v] = []).Add(c.CustomerId);
            }
            return index.TryGetValue(value.Trim(), out var members) ? members : [];
        }
        var unallocated = new SortedDictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var cost in costs)
        {
            if (cost.CustomerId is { } id && known.ContainsKey(id))
            {
                byCustomer[id] = byCustomer.GetValueOrDefault(id, CostBreakdown.Zero).AddOwn(cost.Category, cost.Amount);
                continue;
            }
            var members = cost.Campaign is { } campaign && Members(CampaignField, campaign) is { Count: > 0 } byCampaign ? byCampaign
                : cost.Segment is { } segment && SegmentField(segment) is { } dimension && Members(dimension.Field, dimension.Value) is { Count: > 0 } bySegment ? bySegment
                : cost.Channel is { } channel && Members(SegmentDimensions.Channel, channel) is { Count: > 0 } byChannel ? byChannel
                : null;
            if (members is null)
            {
                var reason = UnallocatedReason(cost);
                unallocated[reason] = unallocated.GetValueOrDefault(reason) + cost.Amount;
                continue;
            }
            var share = cost.Amount / members.Count;
            foreach (var m in members)
            {
                var current = byCustomer.GetValueOrDefault(m, CostBreakdown.Zero);
                byCustomer[m] = current with
                {
                    Allocated = current.Allocated + share,
                    AllocatedAcquisition = current.AllocatedAcquisition + (cost.Category is CostCategory.Acquisition or CostCategory.Marketing ? share : 0),
                };
            }
        }
        return new CostAllocationResult(byCustomer, unallocated);
    }

    /// <summary>"plan:pro" -> (plan, pro); null when the text names no profile dimension.</summary>
    private static (string Field, string Value)? SegmentField(string segment)
    {
        var colon = segment.IndexOf(':');
        if (colon <= 0 || colon == segment.Length - 1) return null;
        var dimension = segment[..colon].Trim().ToLowerInvariant();
        return ProfileDimensions.Contains(dimension) ? (dimension, segment[(colon + 1)..]) : null;
    }

    /// <summary>Why no customer took the cost: each group it names, and what was wrong with it.</summary>
    private static string UnallocatedReason(CostRecord cost)
    {
        var reasons = new List<string>();
        if (cost.CustomerId is { } id) reasons.Add($"customer '{id}' is not known");
        if (cost.Campaign is { } campaign) reasons.Add($"no customer profile names campaign '{campaign}' (a campaign column in the customers file links them)");
        if (cost.Segment is { } segment)
            reasons.Add(SegmentField(segment) is null
                ? $"segment '{segment}' is not written as dimension:value over {string.Join(", ", ProfileDimensions)}"
                : $"no customer is in segment '{segment}'");
        if (cost.Channel is { } channel) reasons.Add($"no customer was acquired through channel '{channel}'");
        return reasons.Count == 0 ? "the cost names no customer, campaign, segment or channel" : string.Join("; ", reasons);
    }
}
