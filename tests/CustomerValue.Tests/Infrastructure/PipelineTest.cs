namespace CustomerValue.Tests.Infrastructure;

/// <summary>
/// A test with its own Azurite and the real host on it. Blob-trigger pickup can take a while on a loaded
/// machine (the trigger's container scan backs off), so waits are generous; they end as soon as the condition holds.
/// </summary>
public abstract class PipelineTest : IAsyncLifetime
{
    protected static readonly TimeSpan Patience = TimeSpan.FromSeconds(180);
    private readonly AzuriteInstance azurite = new();
    private RunningPipeline? pipeline;

    protected AzuriteInstance Azurite => azurite;
    protected RunningPipeline Pipeline => pipeline ?? throw new InvalidOperationException("The pipeline is not started.");

    /// <summary>Settings for this test's host; null starts no host (the test starts its own).</summary>
    protected virtual IDictionary<string, string?>? HostSettings => new Dictionary<string, string?>();

    public async Task InitializeAsync()
    {
        await azurite.InitializeAsync();
        if (HostSettings is { } settings) pipeline = await RunningPipeline.StartOrStopAzuriteAsync(azurite, settings);
    }

    public async Task DisposeAsync() => await RunningPipeline.StopBothAsync(pipeline, azurite);
}
