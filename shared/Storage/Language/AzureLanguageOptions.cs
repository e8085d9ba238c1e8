namespace CustomerValue.Storage.Language;

/// <summary>Settings of the Azure AI Language client, section <c>Sentiment:AzureLanguage</c>.</summary>
public sealed class AzureLanguageOptions
{
    public const string SectionName = "Sentiment:AzureLanguage";

    /// <summary>Resource endpoint, e.g. https://my-language.cognitiveservices.azure.com</summary>
    public Uri? Endpoint { get; set; }

    /// <summary>Subscription key (Ocp-Apim-Subscription-Key). When empty, an Entra ID bearer token is used.</summary>
    public string? Key { get; set; }

    public string ApiVersion { get; set; } = "2023-04-01";

    /// <summary>Language sent with each document; the service detects nothing by itself for sentiment.</summary>
    public string DefaultLanguage { get; set; } = "en";

    /// <summary>Service limit for synchronous sentiment requests.</summary>
    public int MaxDocumentsPerRequest { get; set; } = 10;

    /// <summary>Service limit per document (text elements; characters are a safe upper bound).</summary>
    public int MaxCharactersPerDocument { get; set; } = 5_120;

    /// <summary>Entra ID scope of the Cognitive Services resource.</summary>
    public const string TokenScope = "https://cognitiveservices.azure.com/.default";
}
