using System.Collections.Concurrent;
using Microsoft.Extensions.Configuration;

namespace CustomerValue.Application.Reports;

/// <summary>
/// The full HTML report, rendered once per query for a few seconds (the window of Reports:LatestSnapshotSeconds):
/// it reads every table and draws every chart (tens of milliseconds each), and its figures change once per snapshot.
/// Concurrent misses share one render; a snapshot taken by this process clears it.
/// </summary>
public sealed class ReportPageCache(TimeProvider clock, IConfiguration configuration)
{
    private const int MaxPages = 64;
    private readonly TimeSpan window = TimeSpan.FromSeconds(configuration.GetValue(LatestSnapshotCache.WindowSetting, 5.0));
    private readonly ConcurrentDictionary<string, (Task<string> Page, DateTimeOffset Until)> pages = new(StringComparer.Ordinal);

    public Task<string> GetAsync(string key, Func<Task<string>> render)
    {
        var now = clock.GetUtcNow();
        if (pages.TryGetValue(key, out var hit) && now < hit.Until && !hit.Page.IsFaulted && !hit.Page.IsCanceled) return hit.Page;
        if (pages.Count >= MaxPages) pages.Clear();
        var entry = (Page: render(), Until: now + window);
        pages[key] = entry;
        return entry.Page;
    }

    public void Invalidate() => pages.Clear();
}
