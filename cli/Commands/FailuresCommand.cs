using System.CommandLine;
using System.Text.Json;
using CustomerValue.Storage.Reliability;
using CustomerValue.Application.Reconciliation;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerValue.Cli.Commands;

/// <summary>`roi failures` lists failed and poisoned work; `roi replay` requeues poisoned work after a fix.</summary>
internal static class FailuresCommand
{
    public static Command Create()
    {
        var json = new Option<bool>("--json") { Description = "A JSON array of the failures ([] when there are none)." };
        var all = new Option<bool>("--all") { Description = "Also list work that is still retrying or was replayed." };
        var connection = CliStorage.ConnectionOption();
        var command = new Command("failures", "List work that failed its last attempt (poisoned), with the reason.") { json, all, connection };
        command.SetAction(async (r, ct) =>
        {
            await using var services = CliStorage.Services(r.GetValue(connection));
            var list = await services.GetRequiredService<FailureLedger>().ListAsync(r.GetValue(all) ? null : FailureStatus.Poisoned, ct);
            if (r.GetValue(json))
            {
                // Always one JSON document, an empty array included, so a script can parse the output whatever the count.
                Console.WriteLine(JsonSerializer.Serialize(list, CliJson.Options));
                return 0;
            }
            foreach (var f in list)
                Console.WriteLine($"{f.Status}\t{f.Source}\t{f.Subject}\tattempts {f.Attempts}\t{f.LastFailedAt:u}\t{f.Reason}");
            Console.Error.WriteLine($"{list.Count} failure(s)");
            return 0;
        });
        return command;
    }

    public static Command CreateReplay()
    {
        var subject = new Option<string?>("--subject") { Description = "Replay only the failure with this subject (blob path or message)." };
        var connection = CliStorage.ConnectionOption();
        var command = new Command("replay", "Requeue poisoned work (all, or one --subject) after the cause is fixed.") { subject, connection };
        command.SetAction(async (r, ct) =>
        {
            await using var services = CliStorage.Services(r.GetValue(connection));
            var only = r.GetValue(subject);
            var replayed = await services.GetRequiredService<FailureReplayer>().ReplayAsync(f => only is null || f.Subject == only, ct);
            foreach (var f in replayed) Console.WriteLine($"requeued\t{f.Source}\t{f.Subject}");
            Console.Error.WriteLine($"{replayed.Count} requeued");
            return only is not null && replayed.Count == 0 ? 1 : 0;
        });
        return command;
    }
}

internal static class CliJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };
}
