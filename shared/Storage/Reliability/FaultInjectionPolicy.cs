using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace CustomerValue.Storage.Reliability;

/// <summary>
/// Makes a share of storage calls fail, as Azure does under load: half answer 503 Server Busy, half time out.
/// Only for reliability runs: off unless Storage:FaultInjection:Rate is set. It sits before the SDK's retry
/// policy, so the SDK's own retries see the faults.
/// </summary>
public sealed class FaultInjectionPolicy(double rate, DateTimeOffset until, TimeProvider clock, int seed) : HttpPipelinePolicy
{
    private readonly Random random = new(seed);
    private long injected;

    public long Injected => Interlocked.Read(ref injected);

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
        ProcessAsync(message, pipeline).AsTask().GetAwaiter().GetResult();

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        if (clock.GetUtcNow() < until && Roll(out var timeout))
        {
            Interlocked.Increment(ref injected);
            if (timeout)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200), message.CancellationToken);
                throw new IOException("Injected fault: the storage call timed out.");
            }
            message.Response = new InjectedServerBusyResponse(message.Request.ClientRequestId);
            return;
        }
        await ProcessNextAsync(message, pipeline);
    }

    private bool Roll(out bool timeout)
    {
        lock (random)
        {
            timeout = random.NextDouble() < 0.5;
            return random.NextDouble() < rate;
        }
    }

    private sealed class InjectedServerBusyResponse(string requestId) : Response
    {
        private readonly Dictionary<string, string> headers = new(StringComparer.OrdinalIgnoreCase)
        {
            ["x-ms-error-code"] = "ServerBusy",
            ["Content-Type"] = "application/xml",
        };

        public override int Status => 503;
        // The transport normally classifies responses; this one never reaches it, so it says itself that it is an error.
        public override bool IsError => true;
        public override string ReasonPhrase => "Server Busy (injected)";
        public override Stream? ContentStream { get; set; } = new MemoryStream("<?xml version=\"1.0\"?><Error><Code>ServerBusy</Code><Message>Injected fault.</Message></Error>"u8.ToArray());
        public override string ClientRequestId { get; set; } = requestId;
        public override void Dispose() => ContentStream?.Dispose();
        protected override bool ContainsHeader(string name) => headers.ContainsKey(name);
        protected override IEnumerable<HttpHeader> EnumerateHeaders() => headers.Select(h => new HttpHeader(h.Key, h.Value));
        protected override bool TryGetHeader(string name, out string value) => headers.TryGetValue(name, out value!);
        protected override bool TryGetHeaderValues(string name, out IEnumerable<string> values)
        {
            var found = headers.TryGetValue(name, out var value);
            values = found ? [value!] : [];
            return found;
        }
    }
}
