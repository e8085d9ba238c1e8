using CustomerValue.Storage.Snapshots;
using CustomerValue.Storage.Uploads;

namespace CustomerValue.Functions.Reports;

/// <summary>The HTTP surface: thin handlers over the stores.</summary>
public static class ReportEndpoints
{
    public static IEndpointRouteBuilder MapReportEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/health", (CustomerValue.Storage.StorageClients storage) => Results.Ok(storage.FaultInjection is { } faults
            ? new { status = "ok", faultsInjected = faults.Injected }
            : (object)new { status = "ok" }));

        app.MapGet("/api/reports/kpis", async (KpiSnapshotStore store, CancellationToken ct) =>
            await store.LatestAsync(ct) is { } snapshot
                ? Results.Ok(snapshot)
                : Results.NotFound(new { error = "No KPI snapshot has been taken yet. Upload data, then run `roi snapshot` or wait for the schedule." }));

        app.MapGet("/api/uploads/{id}", async (string id, UploadLedger ledger, CancellationToken ct) =>
            await ledger.GetAsync(id, ct) is { } record
                ? Results.Ok(record)
                : Results.NotFound(new { error = $"No upload with id '{id}'." }));
        return app;
    }
}
