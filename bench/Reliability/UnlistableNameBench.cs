using System.Diagnostics;
using System.Globalization;
using CustomerValue.Application;
using CustomerValue.Application.Uploads;
using CustomerValue.Storage;
using CustomerValue.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerValue.Bench.Reliability;

/// <summary>
/// How long one listing of the uploads container takes when a name in it cannot be listed (Azurite answers 500 to any
/// page holding a control character): `unlistable-name [--blobs N] [--runs N]`. Writes N plain names with
/// `transactions/ctl\u0001.csv` in their middle, then per run lists the container with a new listing (no name found
/// before: the search runs) and again with the same listing (the name is known: skipped at once); and once, the
/// listing of the container without the bad name.
/// </summary>
internal static class UnlistableNameBench
{
    public static async Task<int> RunAsync(string[] args)
    {
        var blobs = Option(args, "--blobs", 2_000);
        var runs = Option(args, "--runs", 5);
        Console.WriteLine($"data: {blobs:N0} blobs with one unlistable name in their middle; {runs} runs");

        await using var azurite = await AzuriteProcess.StartAsync();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [StorageSettings.ConnectionSetting] = azurite.ConnectionString,
        }).Build();
        await using var services = new ServiceCollection().AddLogging().AddCustomerValuePipeline(configuration).BuildServiceProvider();
        var storage = services.GetRequiredService<StorageClients>();
        await storage.EnsureCreatedAsync(default);
        var uploads = storage.Container(StorageNames.Containers.Uploads);
        await Parallel.ForEachAsync(Enumerable.Range(0, blobs), new ParallelOptions { MaxDegreeOfParallelism = 16 },
            async (i, ct) => await uploads.GetBlobClient($"transactions/{(i < blobs / 2 ? "a" : "z")}-{i:D6}.csv").UploadAsync(BinaryData.FromString("x"), ct));

        var clean = await ListAsync(ActivatorUtilities.CreateInstance<UploadBlobListing>(services));
        await uploads.GetBlobClient("transactions/ctl\u0001.csv").UploadAsync(BinaryData.FromString("x"));
        var (first, known) = (new List<double>(), new List<double>());
        for (var run = 0; run < runs; run++)
        {
            var listing = ActivatorUtilities.CreateInstance<UploadBlobListing>(services); // knows no unlistable name yet
            first.Add(await ListAsync(listing, expected: blobs));
            known.Add(await ListAsync(listing, expected: blobs));
        }

        Console.WriteLine();
        Console.WriteLine("| listing of the uploads container | median s | min s | max s |");
        Console.WriteLine("|---|---|---|---|");
        Console.WriteLine($"| {blobs:N0} names, none unlistable (once) | {clean:0.000} | | |");
        Row("with one unlistable name, found by the search", first);
        Row("with one unlistable name, already known", known);
        return 0;
    }

    /// <returns>Seconds to list every name the listing can return.</returns>
    private static async Task<double> ListAsync(UploadBlobListing listing, int? expected = null)
    {
        var clock = Stopwatch.StartNew();
        var count = 0;
        await foreach (var _ in listing.ListAsync(DateTimeOffset.UtcNow, default)) count++;
        if (expected is { } e && count != e) throw new InvalidOperationException($"listed {count} names, expected {e}");
        return clock.Elapsed.TotalSeconds;
    }

    private static void Row(string what, List<double> seconds)
    {
        var sorted = seconds.Order().ToList();
        Console.WriteLine($"| {what} | {sorted[sorted.Count / 2]:0.000} | {sorted[0]:0.000} | {sorted[^1]:0.000} |");
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
    }
}
