using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Core;
using CustomerValue.Sentiment;
using CustomerValue.Storage.Language;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CustomerValue.Tests.Sentiment;

/// <summary>
/// The Azure AI Language client against a real HTTP server on the loopback interface that answers with the
/// documented response shapes of analyze-text (SentimentAnalysis), including document errors and request errors.
/// </summary>
public sealed class AzureLanguageContractTests : IAsyncLifetime
{
    private WebApplication _server = null!;
    private Uri _endpoint = null!;
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    /// <summary>Lets a test answer differently per call (number of the call, starting at 1); null: normal answer.</summary>
    private Func<int, HttpContext, Task<bool>>? _override;
    private int _calls;

    private sealed record RecordedRequest(string Path, string Query, IHeaderDictionary Headers, JsonNode Body);

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _server = builder.Build();
        _server.Run(HandleAsync);
        await _server.StartAsync();
        var address = _server.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        _endpoint = new Uri(address + "/");
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private async Task HandleAsync(HttpContext context)
    {
        var call = Interlocked.Increment(ref _calls);
        var body = await JsonNode.ParseAsync(context.Request.Body) ?? new JsonObject();
        _requests.Enqueue(new RecordedRequest(context.Request.Path.Value ?? "", context.Request.QueryString.Value ?? "",
            new HeaderDictionary(context.Request.Headers.ToDictionary(h => h.Key, h => h.Value)), body));
        if (_override is not null && await _override(call, context)) return;

        var documents = new JsonArray();
        var errors = new JsonArray();
        foreach (var doc in body["analysisInput"]!["documents"]!.AsArray())
        {
            var id = doc!["id"]!.GetValue<string>();
            var text = doc["text"]!.GetValue<string>();
            if (text.Contains("ERRDOC"))
            {
                errors.Add(new JsonObject
                {
                    ["id"] = id,
                    ["error"] = new JsonObject
                    {
                        ["code"] = "InvalidArgument",
                        ["message"] = "Invalid Document in request.",
                        ["innererror"] = new JsonObject { ["code"] = "InvalidDocument", ["message"] = "Document text is not valid." },
                    },
                });
                continue;
            }
            documents.Add(DocumentAnswer(id, text));
        }
        await context.Response.WriteAsJsonAsync(new JsonObject
        {
            ["kind"] = "SentimentAnalysisResults",
            ["results"] = new JsonObject { ["documents"] = documents, ["errors"] = errors, ["modelVersion"] = "2022-11-01" },
        });
    }

    /// <summary>Scores by counting "good" and "bad" so that tests can compute the expected numbers themselves.</summary>
    private static (double Pos, double Neu, double Neg) FakeScores(string text)
    {
        var good = CountOf(text, "good");
        var bad = CountOf(text, "bad");
        if (good + bad == 0) return (0.0, 1.0, 0.0);
        return (0.9 * good / (good + bad), 0.1, 0.9 * bad / (good + bad));
    }

    private static int CountOf(string text, string word) => (text.Length - text.Replace(word, "").Length) / word.Length;

    private static JsonObject Scores(double pos, double neu, double neg) => new() { ["positive"] = pos, ["neutral"] = neu, ["negative"] = neg };

    private static JsonObject DocumentAnswer(string id, string text)
    {
        var (pos, neu, neg) = FakeScores(text);
        var label = pos > 0 && neg > 0 ? "mixed" : pos > 0 ? "positive" : neg > 0 ? "negative" : "neutral";
        var sentence = new JsonObject
        {
            ["sentiment"] = label,
            ["confidenceScores"] = Scores(pos, neu, neg),
            ["offset"] = 0,
            ["length"] = text.Length,
            ["text"] = text,
            ["targets"] = new JsonArray(),
            ["assessments"] = new JsonArray(),
        };
        if (text == "The food was good but the service was bad")
        {
            sentence["targets"] = new JsonArray(
                new JsonObject
                {
                    ["sentiment"] = "positive", ["confidenceScores"] = new JsonObject { ["positive"] = 0.99, ["negative"] = 0.01 },
                    ["offset"] = 4, ["length"] = 4, ["text"] = "food",
                    ["relations"] = new JsonArray(new JsonObject { ["relationType"] = "assessment", ["ref"] = "#/documents/0/sentences/0/assessments/0" }),
                },
                new JsonObject
                {
                    ["sentiment"] = "negative", ["confidenceScores"] = new JsonObject { ["positive"] = 0.02, ["negative"] = 0.98 },
                    ["offset"] = 27, ["length"] = 7, ["text"] = "Service",
                    ["relations"] = new JsonArray(new JsonObject { ["relationType"] = "assessment", ["ref"] = "#/documents/0/sentences/0/assessments/1" }),
                });
            sentence["assessments"] = new JsonArray(
                new JsonObject { ["sentiment"] = "positive", ["confidenceScores"] = new JsonObject { ["positive"] = 0.99, ["negative"] = 0.01 }, ["offset"] = 13, ["length"] = 4, ["text"] = "good", ["isNegated"] = false, ["relations"] = new JsonArray() },
                new JsonObject { ["sentiment"] = "negative", ["confidenceScores"] = new JsonObject { ["positive"] = 0.02, ["negative"] = 0.98 }, ["offset"] = 39, ["length"] = 3, ["text"] = "bad", ["isNegated"] = false, ["relations"] = new JsonArray() });
        }
        return new JsonObject
        {
            ["id"] = id,
            ["sentiment"] = label,
            ["confidenceScores"] = Scores(pos, neu, neg),
            ["sentences"] = new JsonArray(sentence),
            ["warnings"] = new JsonArray(),
        };
    }

    private ISentimentAnalyzer Analyzer(string? key = "test-key", TokenCredential? credential = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Sentiment:Provider"] = "AzureLanguage",
            ["Sentiment:AzureLanguage:Endpoint"] = _endpoint.ToString(),
            ["Sentiment:AzureLanguage:Key"] = key,
            ["Sentiment:AzureLanguage:ApiVersion"] = "2023-04-01",
        }).Build();
        var services = new ServiceCollection();
        if (credential is not null) services.AddSingleton(credential);
        services.AddSentimentAnalysis(configuration);
        return services.BuildServiceProvider().GetRequiredService<ISentimentAnalyzer>();
    }

    private static Task<IReadOnlyList<SentimentResult>> Run(ISentimentAnalyzer analyzer, params string[] texts) =>
        analyzer.AnalyzeAsync(texts.Select((t, i) => new SentimentDocument($"doc-{i}", t)).ToList(), CancellationToken.None);

    [Fact]
    public async Task Twenty_three_documents_go_in_three_requests_of_at_most_ten()
    {
        var texts = Enumerable.Range(0, 23).Select(i => i % 2 == 0 ? $"Comment {i} is good" : $"Comment {i} is bad").ToArray();
        var results = await Run(Analyzer(), texts);

        var requests = _requests.ToList();
        Assert.Equal([10, 10, 3], requests.Select(r => r.Body["analysisInput"]!["documents"]!.AsArray().Count));
        foreach (var request in requests)
        {
            Assert.Equal("/language/:analyze-text", request.Path);
            Assert.Equal("?api-version=2023-04-01", request.Query);
            Assert.Equal("test-key", request.Headers["Ocp-Apim-Subscription-Key"].ToString());
            Assert.Equal("SentimentAnalysis", request.Body["kind"]!.GetValue<string>());
            Assert.True(request.Body["parameters"]!["opinionMining"]!.GetValue<bool>());
            Assert.All(request.Body["analysisInput"]!["documents"]!.AsArray(), d => Assert.Equal("en", d!["language"]!.GetValue<string>()));
        }
        Assert.Equal(texts.Select((_, i) => $"doc-{i}"), results.Select(r => r.Id));
        for (var i = 0; i < texts.Length; i++)
        {
            Assert.True(results[i].IsScored);
            Assert.Equal(i % 2 == 0 ? SentimentLabel.Positive : SentimentLabel.Negative, results[i].Label);
            Assert.Equal(i % 2 == 0 ? 0.9 : -0.9, results[i].Compound, 10);
        }
    }

    [Fact]
    public async Task A_six_thousand_character_document_is_split_and_recombined_by_length()
    {
        var good = string.Concat(Enumerable.Repeat("This part is good. ", 200));   // 3,800 characters
        var bad = string.Concat(Enumerable.Repeat("That one is bad. ", 130));      // 2,210 characters
        var text = (good + bad).Trim();
        Assert.True(text.Length > 6_000);

        var result = Assert.Single(await Run(Analyzer(), text));

        var sent = _requests.SelectMany(r => r.Body["analysisInput"]!["documents"]!.AsArray())
            .Select(d => d!["text"]!.GetValue<string>()).ToList();
        Assert.True(sent.Count >= 2);
        Assert.All(sent, part => Assert.True(part.Length <= 5_120, $"part of {part.Length} characters"));
        Assert.All(sent, part => Assert.True(part.EndsWith('.'), "parts end on a sentence boundary"));
        Assert.Equal(text.Replace(" ", ""), string.Concat(sent).Replace(" ", ""));
        // expected: length-weighted mean of the parts' (positive - negative), from what the server received
        var expected = sent.Sum(p => { var s = FakeScores(p); return (s.Pos - s.Neg) * p.Length; }) / sent.Sum(p => p.Length);
        Assert.Equal(expected, result.Compound, 10);
        Assert.Equal(SentimentLabel.Mixed, result.Label);
    }

    [Fact]
    public async Task Too_many_requests_is_retried_after_the_advised_delay()
    {
        _override = async (call, context) =>
        {
            if (call != 1) return false;
            context.Response.StatusCode = 429;
            context.Response.Headers.RetryAfter = "1";
            await context.Response.WriteAsJsonAsync(new { error = new { code = "429", message = "Rate limit is exceeded. Try again in 1 seconds." } });
            return true;
        };
        var clock = Stopwatch.StartNew();
        var result = Assert.Single(await Run(Analyzer(), "Everything was good"));
        Assert.True(result.IsScored);
        Assert.Equal(2, _requests.Count);
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(0.9), $"retried after {clock.Elapsed.TotalMilliseconds} ms");
    }

    [Fact]
    public async Task A_document_error_stays_with_its_document()
    {
        var results = await Run(Analyzer(), "good one", "ERRDOC broken", "bad one");
        Assert.True(results[0].IsScored);
        Assert.True(results[2].IsScored);
        Assert.Equal(SentimentError.ServiceError, results[1].Error?.Code);
        Assert.Contains("InvalidDocument", results[1].Error!.Message);
        Assert.Equal(SentimentLabel.Negative, results[2].Label);
    }

    [Fact]
    public async Task Unauthorized_fails_every_document_without_retrying()
    {
        _override = async (_, context) =>
        {
            context.Response.StatusCode = 401;
            await context.Response.WriteAsJsonAsync(new { error = new { code = "401", message = "Access denied due to invalid subscription key or wrong API endpoint." } });
            return true;
        };
        var results = await Run(Analyzer(), "good", "bad");
        Assert.Single(_requests);
        Assert.All(results, r =>
        {
            Assert.Equal(SentimentError.ServiceError, r.Error?.Code);
            Assert.Contains("401", r.Error!.Message);
            Assert.Contains("invalid subscription key", r.Error.Message);
        });
    }

    [Fact]
    public async Task Opinion_mining_targets_become_aspects()
    {
        var result = Assert.Single(await Run(Analyzer(), "The food was good but the service was bad"));
        var food = Assert.Single(result.Aspects, a => a.Topic == "food");
        var service = Assert.Single(result.Aspects, a => a.Topic == "service");
        Assert.Equal(SentimentLabel.Positive, food.Label);
        Assert.Equal(0.98, food.Compound, 10);
        Assert.Equal(["good"], food.Terms);
        Assert.Equal(SentimentLabel.Negative, service.Label);
        Assert.Equal(["bad"], service.Terms);
    }

    [Fact]
    public async Task Without_a_key_an_entra_token_is_sent()
    {
        var result = Assert.Single(await Run(Analyzer(key: "", credential: new FixedTokenCredential("token-123")), "good"));
        Assert.True(result.IsScored);
        var request = Assert.Single(_requests);
        Assert.Equal("Bearer token-123", request.Headers.Authorization.ToString());
        Assert.False(request.Headers.ContainsKey("Ocp-Apim-Subscription-Key"));
    }

    [Fact]
    public async Task Empty_text_is_reported_without_calling_the_service()
    {
        var result = Assert.Single(await Run(Analyzer(), "  "));
        Assert.Equal(SentimentError.EmptyText, result.Error?.Code);
        Assert.Empty(_requests);
    }

    private sealed class FixedTokenCredential(string token) : TokenCredential
    {
        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            new(token, DateTimeOffset.MaxValue);

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            ValueTask.FromResult(GetToken(requestContext, cancellationToken));
    }
}
