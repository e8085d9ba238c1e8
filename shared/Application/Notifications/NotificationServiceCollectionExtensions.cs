using CustomerValue.Application.Settings;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CustomerValue.Application.Notifications;

public static class NotificationServiceCollectionExtensions
{
    /// <summary>
    /// The KPI email and the HTTP report handlers both engines call. The reports read the IReportDataSource that
    /// AddCustomerValuePipeline registers.
    /// </summary>
    public static IServiceCollection AddReportsAndNotifications(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddCheckedSettings<EmailOptions>(configuration, EmailOptions.Section);
        services.AddSingleton<EmailSendLedger>();
        services.TryAddSingleton<IMailSender, SmtpMailSender>();
        services.AddSingleton<KpiEmailService>();
        services.TryAddSingleton<Reports.LatestSnapshotCache>();
        services.TryAddSingleton<Reports.ReportPageCache>();
        services.TryAddSingleton<Reports.ReportHandlers>();
        return services;
    }
}
