using CustomerValue.Domain;
using CustomerValue.Metrics;
using CustomerValue.Reports;
using CustomerValue.Storage;
using CustomerValue.Storage.Customers;
using CustomerValue.Storage.Snapshots;
using CustomerValue.Tests.Infrastructure;

namespace CustomerValue.Tests.Storage;

/// <summary>Purchases kept per day survive the partials, the Customers table and the snapshot's customer rows, against a real Azurite.</summary>
public sealed class CustomerDaysStorageTests : IClassFixture<AzuriteInstance>
{
    private readonly AzuriteInstance azurite;
    public CustomerDaysStorageTests(AzuriteInstance azurite) => this.azurite = azurite;

    private Task<StorageClients> StorageAsync() => azurite.StorageAsync();

    private static CustomerPurchaseSummary Summary(string id)
    {
        var s = new CustomerPurchaseSummary(id);
        s.Add(new Transaction(id, new DateOnly(2024, 1, 1), 10m));
        s.Add(new Transaction(id, new DateOnly(2024, 1, 1), 2.5m));
        s.Add(new Transaction(id, new DateOnly(2024, 2, 1), -4m));
        s.Add(new Transaction(id, new DateOnly(2024, 5, 1), 7m));
        return s;
    }

    [Fact]
    public async Task A_partial_and_a_customer_row_read_back_every_purchase_day_and_refund_day()
    {
        var storage = await StorageAsync();
        var partials = new PartialAggregateStore(storage);
        await partials.WriteAsync("u1", 3, [Summary("a"), Summary("b")], default);
        var back = await partials.ReadAsync("u1", 3, default);
        Assert.Equal(Summary("a").Days, back![0].Days);
        Assert.Equal(Summary("a").RefundsByDay, back[0].RefundsByDay);

        var table = new CustomerTable(storage);
        await table.ReplaceBucketAsync(0, back, default);
        var all = await table.ReadAllPurchasesAsync(1, default).ToListAsync();
        Assert.Equal(2, all.Count);
        Assert.Equal(Summary("b").Days, all.Single(s => s.CustomerId == "b").Days);
        Assert.Equal(Summary("b").RefundsByDay, (await table.GetPurchasesAsync("b", 1, default))!.RefundsByDay);
    }

    [Fact]
    public async Task A_snapshots_customer_rows_are_found_by_id_in_their_bucket()
    {
        var store = new CustomerSnapshotStore(await StorageAsync());
        var period = new DateOnly(2025, 6, 30);
        var rows = new[] { "a", "b", "c" }.Select(id => new CustomerReport { CustomerId = id, Orders = 1, Revenue = id.Length, AsOf = period }).ToList();
        await store.SaveAsync(period, b => rows.Where(r => CustomerBuckets.Of(r.CustomerId, 4) == b), 4, default);
        Assert.Equal(period, (await store.GetAsync(period, "b", 4, default))!.AsOf);
        Assert.Null(await store.GetAsync(period, "nobody", 4, default));
        Assert.Null(await store.GetAsync(period.AddDays(1), "b", 4, default));
    }
}
