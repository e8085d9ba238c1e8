using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using CustomerValue.Sentiment;

namespace CustomerValue.Storage.Language;

/// <summary>
/// Sentiment with opinion mining from Azure AI Language over its REST API
/// (<c>POST {endpoint}/language/:analyze-text?api-version=2023-04-01</c>, kind SentimentAnalysis), written against
/// the documented shapes because the client library is not available here. Sends at most
/// <see cref="AzureLanguageOptions.MaxDocumentsPerRequest"/> documents per request; a text longer than
/// <see cref="AzureLanguageOptions.MaxCharactersPerDocument"/> is split on sentence boundaries and the parts' scores
/// are combined weighted by length. Retries (429/5xx with Retry-After) belong to the HttpClient's resilience
/// handler (see <see cref="SentimentServiceCollectionExtensions"/>). Every failure — a document error in the
/// response, or a failed request such as 401 — is reported on the affected documents; the batch never throws
/// except on cancellation.
/// Mapping: compound = positive - negative confidence; pos/neu/neg = the confidence scores; label = the
/// service's label; aspects = opinion-mining targets (lower-cased text) with their assessments as terms.
/// </summary>
public sealed class AzureLanguageSentimentAnalyzer(
    HttpClient http,
    AzureLanguageOptions options,
    Func<CancellationToken, ValueTask<string>>? bearerTokenSource = null) : ISentimentAnalyzer
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>One piece of one document as sent to the service.</summary>
    private sealed record Part(int DocumentIndex, int Offset, string Text)
    {
        public string RequestId { get; init; } = "";
    }

    public async Task<IReadOnlyList<SentimentResult>> AnalyzeAsync(IReadOnlyList<SentimentDocument> documents, CancellationToken ct)
    {
        var results = new SentimentResult?[documents.Count];
        var flags = new List<string>[documents.Count];
        var parts = new List<Part>();
        for (var i = 0; i < documents.Count; i++)
        {
            var prepared = TextPreparation.Prepare(documents[i].Text, checkLanguage: false);
            flags[i] = [.. prepared.Flags];
            if (prepared.Error is not null) { results[i] = SentimentResult.Failed(documents[i].Id, prepared.Error, prepared.Flags); continue; }
            foreach (var (offset, text) in SplitForService(prepared.Text, options.MaxCharactersPerDocument))
                parts.Add(new Part(i, offset, text) { RequestId = $"{i}.{parts.Count}" });
        }

        var scored = new Dictionary<string, DocumentSentimentWire>();
        var failed = new Dictionary<string, SentimentError>();
        foreach (var batch in parts.Chunk(Math.Max(1, options.MaxDocumentsPerRequest)))
            await SendAsync(batch, documents, scored, failed, ct).ConfigureAwait(false);

        foreach (var group in parts.GroupBy(p => p.DocumentIndex))
        {
            var document = documents[group.Key];
            var error = group.Select(p => failed.GetValueOrDefault(p.RequestId)).FirstOrDefault(e => e is not null);
            results[group.Key] = error is not null
                ? SentimentResult.Failed(document.Id, error, flags[group.Key])
                : Combine(document.Id, group.Select(p => (p, scored[p.RequestId])).ToList(), flags[group.Key]);
        }
        return results.Select(r => r!).ToList();
    }

    private async Task SendAsync(Part[] batch, IReadOnlyList<SentimentDocument> documents,
        Dictionary<string, DocumentSentimentWire> scored, Dictionary<string, SentimentError> failed, CancellationToken ct)
    {
        var body = new AnalyzeTextRequest("SentimentAnalysis", new SentimentParameters(OpinionMining: true),
            new AnalysisInput(batch.Select(p => new InputDocument(p.RequestId,
                documents[p.DocumentIndex].Language ?? options.DefaultLanguage, p.Text)).ToList()));
        var endpoint = options.Endpoint ?? throw new InvalidOperationException($"{AzureLanguageOptions.SectionName}:Endpoint is not set.");
        using var request = new HttpRequestMessage(HttpMethod.Post,
            new Uri(endpoint, $"language/:analyze-text?api-version={Uri.EscapeDataString(options.ApiVersion)}"))
        {
            Content = JsonContent.Create(body, options: Json),
        };
        await AuthorizeAsync(request, ct).ConfigureAwait(false);

        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (!ct.IsCancellationRequested && e is HttpRequestException or TaskCanceledException or Polly.Timeout.TimeoutRejectedException)
        {
            FailAll(batch, failed, $"The Language service could not be reached: {e.Message}");
            return;
        }
        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                var detail = await ReadErrorAsync(response, ct).ConfigureAwait(false);
                FailAll(batch, failed, $"The Language service refused the request: HTTP {(int)response.StatusCode} {response.ReasonPhrase}. {detail}".TrimEnd());
                return;
            }
            var parsed = await response.Content.ReadFromJsonAsync<AnalyzeTextResponse>(Json, ct).ConfigureAwait(false);
            var results = parsed?.Results;
            if (results is null) { FailAll(batch, failed, "The Language service answered without results."); return; }
            foreach (var document in results.Documents) scored[document.Id] = document;
            foreach (var error in results.Errors)
                failed[error.Id] = new SentimentError(SentimentError.ServiceError, error.Error.Describe());
            foreach (var part in batch.Where(p => !scored.ContainsKey(p.RequestId) && !failed.ContainsKey(p.RequestId)))
                failed[part.RequestId] = new SentimentError(SentimentError.ServiceError, "The Language service returned no result for this document.");
        }
    }

    private async Task AuthorizeAsync(HttpRequestMessage request, CancellationToken ct)
    {
        if (!string.IsNullOrWhiteSpace(options.Key))
            request.Headers.Add("Ocp-Apim-Subscription-Key", options.Key);
        else if (bearerTokenSource is not null)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await bearerTokenSource(ct).ConfigureAwait(false));
        else
            throw new InvalidOperationException($"Set {AzureLanguageOptions.SectionName}:Key or provide an Entra ID token source.");
    }

    private static async Task<string> ReadErrorAsync(HttpResponseMessage response, CancellationToken ct)
    {
        var text = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
        if (string.IsNullOrWhiteSpace(text)) return "";
        try
        {
            return JsonSerializer.Deserialize<ErrorResponseWire>(text, Json)?.Error?.Describe() ?? text;
        }
        catch (JsonException)
        {
            return text.Length > 300 ? text[..300] : text;
        }
    }

    private static void FailAll(IEnumerable<Part> batch, Dictionary<string, SentimentError> failed, string message)
    {
        foreach (var part in batch) failed[part.RequestId] = new SentimentError(SentimentError.ServiceError, message);
    }

    /// <summary>Cuts a text into pieces of at most <paramref name="maxCharacters"/>, packing whole sentences;
    /// a single longer sentence is cut at the last white space that fits.</summary>
    public static IReadOnlyList<(int Offset, string Text)> SplitForService(string text, int maxCharacters)
    {
        if (text.Length <= maxCharacters) return [(0, text)];
        var pieces = new List<(int, string)>();
        var start = -1;
        var end = 0;
        foreach (var sentence in SentenceSplitter.Sentences(text))
        {
            var (offset, length) = sentence.GetOffsetAndLength(text.Length);
            if (start >= 0 && offset + length - start > maxCharacters)
            {
                pieces.Add((start, text[start..end]));
                start = -1;
            }
            if (length > maxCharacters)
            {
                var position = offset;
                while (offset + length - position > maxCharacters)
                {
                    var cut = text.LastIndexOf(' ', position + maxCharacters - 1, maxCharacters - 1);
                    if (cut <= position) cut = position + maxCharacters;
                    pieces.Add((position, text[position..cut]));
                    position = cut;
                    while (position < offset + length && text[position] == ' ') position++;
                }
                start = position;
                end = offset + length;
                continue;
            }
            if (start < 0) start = offset;
            end = offset + length;
        }
        if (start >= 0 && end > start) pieces.Add((start, text[start..end]));
        return pieces;
    }

    private static SentimentResult Combine(string id, IReadOnlyList<(Part Part, DocumentSentimentWire Result)> parts, IReadOnlyList<string> flags)
    {
        double totalWeight = parts.Sum(p => (double)p.Part.Text.Length);
        double Weighted(Func<ConfidenceWire, double> pick) => parts.Sum(p => pick(p.Result.ConfidenceScores) * p.Part.Text.Length) / totalWeight;
        var positive = Weighted(c => c.Positive);
        var neutral = Weighted(c => c.Neutral);
        var negative = Weighted(c => c.Negative);

        var labels = parts.Select(p => ParseLabel(p.Result.Sentiment)).ToList();
        var label = labels.Count == 1 ? labels[0]
            : labels.Contains(SentimentLabel.Mixed) || (labels.Contains(SentimentLabel.Positive) && labels.Contains(SentimentLabel.Negative)) ? SentimentLabel.Mixed
            : positive >= neutral && positive >= negative ? SentimentLabel.Positive
            : negative >= neutral ? SentimentLabel.Negative : SentimentLabel.Neutral;

        var sentences = parts.SelectMany(p => p.Result.Sentences.Select(s =>
            new SentenceSentiment(p.Part.Offset + s.Offset, s.Length, s.ConfidenceScores.Positive - s.ConfidenceScores.Negative, ParseLabel(s.Sentiment))))
            .ToList();
        var aspects = parts.SelectMany(p => p.Result.Sentences.SelectMany(TargetsOf))
            .GroupBy(a => a.Topic, StringComparer.OrdinalIgnoreCase)
            .Select(g =>
            {
                var mean = g.Average(a => a.Compound);
                var groupLabels = g.Select(a => a.Label).Distinct().ToList();
                return new AspectSentiment(g.Key, groupLabels.Count == 1 ? groupLabels[0] : SentimentLabel.Mixed, mean,
                    g.SelectMany(a => a.Terms).Distinct(StringComparer.OrdinalIgnoreCase).ToList());
            })
            .ToList();
        return new SentimentResult(id, positive - negative, positive, neutral, negative, label, sentences, aspects, flags);
    }

    private static IEnumerable<AspectSentiment> TargetsOf(SentenceWire sentence) =>
        sentence.Targets.Select(target => new AspectSentiment(
            target.Text.ToLowerInvariant(),
            ParseLabel(target.Sentiment),
            target.ConfidenceScores.Positive - target.ConfidenceScores.Negative,
            target.Relations
                .Where(r => r.RelationType == "assessment")
                .Select(r => AssessmentAt(sentence, r.Ref))
                .OfType<AssessmentWire>()
                .Select(a => a.IsNegated ? $"not {a.Text}" : a.Text)
                .ToList()));

    /// <summary>Resolves "#/documents/0/sentences/1/assessments/2" to the sentence's third assessment.</summary>
    private static AssessmentWire? AssessmentAt(SentenceWire sentence, string reference)
    {
        var lastSlash = reference.LastIndexOf('/');
        return int.TryParse(reference.AsSpan(lastSlash + 1), out var index) && index >= 0 && index < sentence.Assessments.Count
            ? sentence.Assessments[index]
            : null;
    }

    private static SentimentLabel ParseLabel(string sentiment) => sentiment.ToLowerInvariant() switch
    {
        "positive" => SentimentLabel.Positive,
        "negative" => SentimentLabel.Negative,
        "mixed" => SentimentLabel.Mixed,
        _ => SentimentLabel.Neutral,
    };
}
