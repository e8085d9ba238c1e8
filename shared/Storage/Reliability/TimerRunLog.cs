using Azure;
using Azure.Data.Tables;

namespace CustomerValue.Storage.Reliability;

/// <summary>
/// The TimerRuns table: one row per (timer, occurrence, instance) that ran it. Timers are singletons through a
/// blob lease; this log is how operations (and the scale-out test) see that each occurrence ran once, and where.
/// </summary>
public sealed class TimerRunLog(StorageClients storage, TimeProvider clock)
{
    private TableClient Table => storage.Table(StorageNames.Tables.TimerRuns);

    public static string InstanceName { get; } = Environment.GetEnvironmentVariable("Host__InstanceName") ?? $"{Environment.MachineName}-{Environment.ProcessId}";

    public Task RecordAsync(string timer, DateTimeOffset occurrence, CancellationToken cancellationToken) =>
        Table.UpsertCheckedAsync(new TableEntity(timer, $"{occurrence.UtcTicks:D19}-{TableKeys.For(InstanceName)}")
        {
            ["Occurrence"] = occurrence,
            ["Instance"] = InstanceName,
            ["StartedAt"] = clock.GetUtcNow(),
        }, TableUpdateMode.Replace, cancellationToken);

    public async Task<IReadOnlyList<(DateTimeOffset Occurrence, string Instance)>> ListAsync(string timer, CancellationToken cancellationToken)
    {
        var result = new List<(DateTimeOffset, string)>();
        await foreach (var e in Table.QueryAsync<TableEntity>(e => e.PartitionKey == timer, cancellationToken: cancellationToken))
            result.Add((e.GetDateTimeOffset("Occurrence") ?? default, e.GetString("Instance")));
        return result;
    }
}
