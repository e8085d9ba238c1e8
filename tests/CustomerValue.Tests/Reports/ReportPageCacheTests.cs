using CustomerValue.Application.Reports;
using CustomerValue.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;

namespace CustomerValue.Tests.Reports;

public sealed class ReportPageCacheTests
{
    [Fact]
    public async Task A_page_is_rendered_once_per_window_and_again_after_a_snapshot()
    {
        var clock = new SettableClock(new DateTimeOffset(2026, 11, 2, 7, 0, 0, TimeSpan.Zero));
        var cache = new ReportPageCache(clock, new ConfigurationBuilder().AddInMemoryCollection([new(LatestSnapshotCache.WindowSetting, "5")]).Build());
        var renders = 0;
        Task<string> Render() => Task.FromResult($"page {++renders}");

        Assert.Equal("page 1", await cache.GetAsync("kpis", Render));
        Assert.Equal("page 1", await cache.GetAsync("kpis", Render));
        Assert.Equal("page 2", await cache.GetAsync("kpis|segment", Render)); // another query, another page
        clock.Now += TimeSpan.FromSeconds(6);
        Assert.Equal("page 3", await cache.GetAsync("kpis", Render));
        cache.Invalidate();
        Assert.Equal("page 4", await cache.GetAsync("kpis", Render));
    }
}
