using System.Text.Json;

namespace CustomerValue.Sentiment;

/// <summary>
/// Topics comments talk about, each with the terms and synonyms that signal it ("billing": invoice, charged, ...).
/// Bindable from configuration section <c>Sentiment:Topics</c> and loadable from a JSON file of the same shape:
/// <code>{ "IncludeDefaults": true, "Terms": { "billing": ["invoice", "charged twice"], "warranty": ["warranty"] } }</code>
/// With <see cref="IncludeDefaults"/> the configured terms are added to <see cref="Default"/> (a topic named in
/// both gets both term lists); without it only the configured topics are used.
/// </summary>
public sealed class TopicCatalog
{
    public bool IncludeDefaults { get; set; } = true;

    /// <summary>Topic name -> terms (single words or phrases, case-insensitive; a plural "s"/"es" also matches).</summary>
    public Dictionary<string, List<string>> Terms { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public static TopicCatalog Default { get; } = new()
    {
        IncludeDefaults = false,
        Terms = new(StringComparer.OrdinalIgnoreCase)
        {
            ["checkout"] = ["checkout", "check out", "cart", "basket", "payment page", "place an order", "placing an order", "ordering"],
            ["billing"] = ["billing", "bill", "invoice", "invoicing", "charge", "charged", "overcharged", "refund", "payment", "credit card", "subscription fee", "receipt"],
            ["price"] = ["price", "pricing", "cost", "costs", "expensive", "cheap", "value for money", "affordable", "overpriced", "fee", "discount", "plan"],
            ["support"] = ["support", "customer service", "service desk", "help desk", "helpdesk", "agent", "representative", "rep", "staff", "ticket", "response time", "chat", "call center", "hotline"],
            ["api"] = ["api", "apis", "endpoint", "sdk", "webhook", "integration", "rate limit", "documentation", "docs"],
            ["onboarding"] = ["onboarding", "setup", "set up", "getting started", "sign up", "signup", "registration", "tutorial", "first steps", "installation", "install"],
            ["delivery"] = ["delivery", "deliveries", "shipping", "shipment", "shipped", "courier", "package", "parcel", "arrived", "tracking", "dispatch", "delivered"],
            ["product quality"] = ["quality", "product", "build quality", "material", "durable", "durability", "broke", "broken", "defect", "defective", "faulty"],
            ["usability"] = ["usability", "interface", "ui", "ux", "design", "navigation", "easy to use", "user friendly", "layout"],
            ["performance"] = ["performance", "speed", "lag", "laggy", "loading", "load time", "crash", "crashes", "crashed", "bug", "bugs", "downtime", "outage", "reliability"],
            ["account"] = ["account", "login", "log in", "password", "sign in", "profile", "two-factor", "2fa"],
            ["communication"] = ["email", "emails", "newsletter", "notification", "notifications", "communication", "updates"],
        },
    };

    /// <summary>Reads a catalog from a JSON file (see the class summary for the shape).</summary>
    public static TopicCatalog LoadJson(string path)
    {
        using var stream = File.OpenRead(path);
        try
        {
            var loaded = JsonSerializer.Deserialize<TopicCatalog>(stream, JsonOptions)
                ?? throw new FormatException($"{path}: the file holds no topic catalog.");
            loaded.Terms = new Dictionary<string, List<string>>(loaded.Terms, StringComparer.OrdinalIgnoreCase);
            return loaded;
        }
        catch (JsonException e)
        {
            throw new FormatException($"{path}: line {e.LineNumber + 1}, column {e.BytePositionInLine + 1}: {e.Message}", e);
        }
    }

    /// <summary>The effective topics: the configured ones, plus the defaults when <see cref="IncludeDefaults"/>.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> EffectiveTerms()
    {
        var merged = new Dictionary<string, List<string>>(StringComparer.OrdinalIgnoreCase);
        if (IncludeDefaults && !ReferenceEquals(this, Default))
            foreach (var (topic, terms) in Default.Terms) merged[topic] = [.. terms];
        foreach (var (topic, terms) in Terms)
        {
            if (!merged.TryGetValue(topic, out var list)) merged[topic] = list = [];
            list.AddRange(terms);
        }
        return merged.ToDictionary(kv => kv.Key, kv => (IReadOnlyList<string>)kv.Value.Distinct(StringComparer.OrdinalIgnoreCase).ToList(),
            StringComparer.OrdinalIgnoreCase);
    }

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNameCaseInsensitive = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };
}
