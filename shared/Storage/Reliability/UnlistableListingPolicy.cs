using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace CustomerValue.Storage.Reliability;

/// <summary>
/// A blob listing that the storage emulator cannot write (Azurite answers 500 with an empty body when a name in the
/// page holds a character XML cannot carry; Azure encodes such names) fails at once instead of being retried with
/// back-off: the answer never changes, and the retries made every probe of the listing that steps past such a name
/// take 12 seconds instead of milliseconds. A 500 with an error document, or any other failure, is retried as before.
/// </summary>
public sealed class UnlistableListingPolicy : HttpPipelinePolicy
{
    public static readonly UnlistableListingPolicy Instance = new();

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        ProcessNext(message, pipeline);
        ThrowIfUnlistable(message);
    }

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        await ProcessNextAsync(message, pipeline);
        ThrowIfUnlistable(message);
    }

    /// <summary>Whether the request lists the blobs of a container.</summary>
    public static bool IsBlobListing(Request request) =>
        request.Method == RequestMethod.Get && request.Uri.Query.Contains("comp=list", StringComparison.Ordinal)
                                            && request.Uri.Query.Contains("restype=container", StringComparison.Ordinal);

    // Thrown inside the retry loop: the retry policy retries network errors, not a RequestFailedException.
    private static void ThrowIfUnlistable(HttpMessage message)
    {
        if (message is { HasResponse: true, Response: { Status: 500, Headers.ContentLength: 0 } } && IsBlobListing(message.Request))
            throw new RequestFailedException(500, "The storage service could not write this blob listing (a name in it holds a character it cannot list).",
                "UnlistableBlobName", null);
    }
}
