using CustomerValue.Reports;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CustomerValue.Storage.Notifications;

public static class NotificationServiceCollectionExtensions
{
    /// <summary>
    /// Reports and the KPI email. The report data source is the snapshot-history one only when no other is
    /// registered, so the full table-backed source replaces it by being registered first.
    /// </summary>
    public static IServiceCollection AddReportsAndNotifications(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IReportDataSource, SnapshotHistoryReportSource>();
        services.AddOptions<EmailOptions>().Bind(configuration.GetSection(EmailOptions.Section));
        services.AddSingleton<EmailSendLedger>();
        services.AddSingleton<SmtpMailSender>();
        services.AddSingleton<KpiEmailService>();
        return services;
    }
}
