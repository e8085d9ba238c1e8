using System.CommandLine;
using System.Text.Json;
using CustomerValue.Storage.Snapshots;
using CustomerValue.Application.Snapshots;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerValue.Cli.Commands;

/// <summary>`roi snapshot`: takes the KPI snapshot now, with the code the timer runs.</summary>
internal static class SnapshotCommand
{
    public static Command Create()
    {
        var asOf = new Option<DateTimeOffset?>("--as-of") { Description = "The moment the snapshot stands for (default: now)." };
        var connection = CliStorage.ConnectionOption();
        var command = new Command("snapshot", "Take the KPI snapshot now and print it as JSON.") { asOf, connection };
        command.SetAction(async (r, ct) =>
        {
            await using var services = CliStorage.Services(r.GetValue(connection));
            await services.GetRequiredService<CustomerValue.Storage.StorageClients>().EnsureCreatedAsync(ct);
            var snapshot = await services.GetRequiredService<KpiSnapshotService>().TakeAsync(r.GetValue(asOf) ?? DateTimeOffset.UtcNow, ct);
            Console.WriteLine(JsonSerializer.Serialize(snapshot, new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = true }));
            return 0;
        });
        return command;
    }
}
