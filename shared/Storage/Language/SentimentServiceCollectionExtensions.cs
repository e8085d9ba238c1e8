using Azure.Core;
using Azure.Identity;
using CustomerValue.Sentiment;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;

namespace CustomerValue.Storage.Language;

/// <summary>Which analyzer <c>Sentiment:Provider</c> selects.</summary>
public enum SentimentProvider
{
    /// <summary>In-process VADER rules and lexicon (default; no network, no cost).</summary>
    Embedded,
    /// <summary>Azure AI Language sentiment with opinion mining.</summary>
    AzureLanguage,
}

public static class SentimentServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="ISentimentAnalyzer"/> and <see cref="CommentAnalysisService"/>.
    /// Settings: <c>Sentiment:Provider</c> (Embedded | AzureLanguage, default Embedded);
    /// <c>Sentiment:AzureLanguage:Endpoint</c>, <c>:Key</c> (empty: Entra ID via DefaultAzureCredential),
    /// <c>:ApiVersion</c> (default 2023-04-01); <c>Sentiment:Topics</c> (a <see cref="TopicCatalog"/>) and
    /// <c>Sentiment:TopicsFile</c> (path of a catalog JSON file, read at start-up, merged after the section).
    /// The Azure client's HttpClient carries the standard resilience handler: retries on 429, 5xx and timeouts,
    /// honouring Retry-After.
    /// </summary>
    public static IServiceCollection AddSentimentAnalysis(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection("Sentiment");
        var catalog = LoadCatalog(section);
        var matcher = new TopicMatcher(catalog);
        var embedded = new EmbeddedSentimentAnalyzer(VaderScorer.SurveyComments, new AspectAnalyzer(VaderScorer.SurveyComments, matcher));
        services.AddSingleton(catalog);
        services.AddSingleton(matcher);
        services.AddSingleton(embedded);
        services.AddSingleton(KeyPhraseExtractor.Default);

        // A name that is no provider is refused at start, by name, by the settings check; registration does not throw on it.
        var provider = Enum.TryParse<SentimentProvider>(section["Provider"], ignoreCase: true, out var named) ? named : SentimentProvider.Embedded;
        if (provider == SentimentProvider.AzureLanguage)
        {
            var options = section.GetSection("AzureLanguage").Get<AzureLanguageOptions>() ?? new AzureLanguageOptions();
            if (options.Endpoint is null)
                throw new InvalidOperationException($"Sentiment:Provider is AzureLanguage but {AzureLanguageOptions.SectionName}:Endpoint is not set.");
            services.AddSingleton(options);
            services.AddHttpClient(nameof(AzureLanguageSentimentAnalyzer))
                .AddStandardResilienceHandler(resilience =>
                {
                    resilience.Retry.MaxRetryAttempts = 4;
                    resilience.Retry.Delay = TimeSpan.FromMilliseconds(500);
                    resilience.Retry.ShouldRetryAfterHeader = true;
                });
            services.AddSingleton<ISentimentAnalyzer>(sp =>
            {
                var http = sp.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(AzureLanguageSentimentAnalyzer));
                var tokens = string.IsNullOrWhiteSpace(options.Key) ? TokenSource(sp.GetService<TokenCredential>() ?? new DefaultAzureCredential()) : null;
                return new AzureLanguageSentimentAnalyzer(http, options, tokens);
            });
        }
        else
        {
            services.AddSingleton<ISentimentAnalyzer>(embedded);
        }
        services.AddSingleton(sp => new CommentAnalysisService(sp.GetRequiredService<ISentimentAnalyzer>(), matcher, KeyPhraseExtractor.Default));
        return services;
    }

    /// <summary>Adapts an Azure.Core credential to the analyzer's token source.</summary>
    public static Func<CancellationToken, ValueTask<string>> TokenSource(TokenCredential credential) =>
        async ct => (await credential.GetTokenAsync(new TokenRequestContext([AzureLanguageOptions.TokenScope]), ct).ConfigureAwait(false)).Token;

    private static TopicCatalog LoadCatalog(IConfigurationSection section)
    {
        var catalog = section.GetSection("Topics").Get<TopicCatalog>() ?? new TopicCatalog();
        catalog.Terms = new Dictionary<string, List<string>>(catalog.Terms, StringComparer.OrdinalIgnoreCase);
        var file = section["TopicsFile"];
        if (string.IsNullOrWhiteSpace(file)) return catalog;
        var fromFile = TopicCatalog.LoadJson(file);
        foreach (var (topic, terms) in fromFile.Terms)
        {
            if (!catalog.Terms.TryGetValue(topic, out var list)) catalog.Terms[topic] = list = [];
            list.AddRange(terms);
        }
        catalog.IncludeDefaults &= fromFile.IncludeDefaults;
        return catalog;
    }
}
