using System.Text.Json.Serialization;

namespace CustomerValue.Storage.Language;

// Request and response shapes of POST {endpoint}/language/:analyze-text (kind SentimentAnalysis), API 2023-04-01.

internal sealed record AnalyzeTextRequest(
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("parameters")] SentimentParameters Parameters,
    [property: JsonPropertyName("analysisInput")] AnalysisInput AnalysisInput);

internal sealed record SentimentParameters(
    [property: JsonPropertyName("opinionMining")] bool OpinionMining,
    [property: JsonPropertyName("modelVersion")] string ModelVersion = "latest");

internal sealed record AnalysisInput([property: JsonPropertyName("documents")] IReadOnlyList<InputDocument> Documents);

internal sealed record InputDocument(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("language")] string Language,
    [property: JsonPropertyName("text")] string Text);

internal sealed class AnalyzeTextResponse
{
    [JsonPropertyName("kind")] public string? Kind { get; set; }
    [JsonPropertyName("results")] public SentimentResults? Results { get; set; }
}

internal sealed class SentimentResults
{
    [JsonPropertyName("documents")] public List<DocumentSentimentWire> Documents { get; set; } = [];
    [JsonPropertyName("errors")] public List<DocumentErrorWire> Errors { get; set; } = [];
    [JsonPropertyName("modelVersion")] public string? ModelVersion { get; set; }
}

internal sealed class DocumentSentimentWire
{
    [JsonPropertyName("id")] public string Id { get; set; } = "";
    [JsonPropertyName("sentiment")] public string Sentiment { get; set; } = "neutral";
    [JsonPropertyName("confidenceScores")] public ConfidenceWire ConfidenceScores { get; set; } = new();
    [JsonPropertyName("sentences")] public List<SentenceWire> Sentences { get; set; } = [];
}

internal sealed class ConfidenceWire
{
    [JsonPropertyName("positive")] public double Positive { get; set; }
    [JsonPropertyName("neutral")] public double Neutral { get; set; }
    [JsonPropertyName("negative")] public double Negative { get; set; }
}

internal sealed class SentenceWire
{
    [JsonPropertyName("sentiment")] public string Sentiment { get; set; } = "neutral";
    [JsonPropertyName("confidenceScores")] public ConfidenceWire ConfidenceScores { get; set; } = new();
    [JsonPropertyName("offset")] public int Offset { get; set; }
    [JsonPropertyName("length")] public int Length { get; set; }
    [JsonPropertyName("text")] public string? Text { get; set; }
    [JsonPropertyName("targets")] public List<TargetWire> Targets { get; set; } = [];
    [JsonPropertyName("assessments")] public List<AssessmentWire> Assessments { get; set; } = [];
}

internal sealed class TargetWire
{
    [JsonPropertyName("sentiment")] public string Sentiment { get; set; } = "neutral";
    [JsonPropertyName("confidenceScores")] public ConfidenceWire ConfidenceScores { get; set; } = new();
    [JsonPropertyName("text")] public string Text { get; set; } = "";
    [JsonPropertyName("relations")] public List<RelationWire> Relations { get; set; } = [];
}

internal sealed class AssessmentWire
{
    [JsonPropertyName("sentiment")] public string Sentiment { get; set; } = "neutral";
    [JsonPropertyName("text")] public string Text { get; set; } = "";
    [JsonPropertyName("isNegated")] public bool IsNegated { get; set; }
}

internal sealed class RelationWire
{
    [JsonPropertyName("relationType")] public string RelationType { get; set; } = "";
    /// <summary>JSON pointer such as "#/documents/0/sentences/1/assessments/0".</summary>
    [JsonPropertyName("ref")] public string Ref { get; set; } = "";
}

internal sealed class DocumentErrorWire
{
    [JsonPropertyName("id")] public string Id { get; set; } = "";
    [JsonPropertyName("error")] public ServiceErrorWire Error { get; set; } = new();
}

/// <summary>Used both inside documents' errors[] and as the body of request-level failures: {"error": {...}}.</summary>
internal sealed class ServiceErrorWire
{
    [JsonPropertyName("code")] public string? Code { get; set; }
    [JsonPropertyName("message")] public string? Message { get; set; }
    [JsonPropertyName("innererror")] public ServiceErrorWire? InnerError { get; set; }

    public string Describe()
    {
        var inner = InnerError is { } e ? $" ({e.Code}: {e.Message})" : "";
        return $"{Code}: {Message}{inner}";
    }
}

internal sealed class ErrorResponseWire
{
    [JsonPropertyName("error")] public ServiceErrorWire? Error { get; set; }
}
