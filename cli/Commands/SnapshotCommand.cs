using System.CommandLine;
using System.Text.Json;
using CustomerValue.Application.Snapshots;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerValue.Cli.Commands;

/// <summary>
/// `roi snapshot`: takes the KPI snapshot now (or as of --as-of), with the code the timer runs; with --from and --to
/// it rebuilds history, one snapshot per day, week or month (--every), each seeing only the data of its own day.
/// </summary>
internal static class SnapshotCommand
{
    public static Command Create()
    {
        var asOf = new Option<DateTimeOffset?>("--as-of") { Description = "The moment the snapshot stands for (default: now)." };
        var from = new Option<DateOnly?>("--from") { Description = "Backfill: the first snapshot's day." };
        var to = new Option<DateOnly?>("--to") { Description = "Backfill: the last day a snapshot may have (included)." };
        var every = new Option<SnapshotEvery>("--every") { Description = "Backfill: day, week or month between snapshots.", DefaultValueFactory = _ => SnapshotEvery.Month };
        var connection = CliStorage.ConnectionOption();
        var command = new Command("snapshot", "Take the KPI snapshot now (or rebuild history with --from/--to/--every) and print it as JSON.") { asOf, from, to, every, connection };
        command.SetAction(async (r, ct) =>
        {
            if ((r.GetValue(from) is null) != (r.GetValue(to) is null) || (r.GetValue(from) is not null && r.GetValue(asOf) is not null))
            {
                Console.Error.WriteLine("roi snapshot: give --from and --to together (a backfill), or --as-of (one snapshot), not both.");
                return 2;
            }
            await using var services = CliStorage.Services(r.GetValue(connection));
            await services.GetRequiredService<CustomerValue.Storage.StorageClients>().EnsureCreatedAsync(ct);
            var snapshots = services.GetRequiredService<KpiSnapshotService>();
            var json = new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = true };
            json.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter());
            object result = r.GetValue(from) is { } first && r.GetValue(to) is { } last
                ? await snapshots.BackfillAsync(first, last, r.GetValue(every), ct)
                : await snapshots.TakeAsync(r.GetValue(asOf) ?? DateTimeOffset.UtcNow, ct);
            Console.WriteLine(JsonSerializer.Serialize(result, json));
            return 0;
        });
        return command;
    }
}
