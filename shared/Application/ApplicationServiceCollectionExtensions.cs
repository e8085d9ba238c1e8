using CustomerValue.Application.Ingestion;
using CustomerValue.Application.Metrics;
using CustomerValue.Application.Reconciliation;
using CustomerValue.Application.Snapshots;
using CustomerValue.Storage.Language;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using CustomerValue.Application.Settings;

namespace CustomerValue.Application;

public static class ApplicationServiceCollectionExtensions
{
    /// <summary>The storage adapters and pipeline stages, over the account named by the "AzureWebJobsStorage" setting.</summary>
    public static IServiceCollection AddCustomerValuePipeline(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        // Each setting's default is its options property's initialiser and its range a [Range] on that property; the
        // settings that are not numbers (schedules, sentiment, e-mail) are checked by SettingsValidator. Both engines register these.
        services.AddSingleton<IValidateOptions<ValidatedSettings>, SettingsValidator>();
        services.AddOptions<ValidatedSettings>().ValidateOnStart();
        services.AddCheckedSettings<PipelineOptions>(configuration, PipelineOptions.Section);
        services.AddCheckedSettings<ReportOptions>(configuration, ReportOptions.Section).Validate(o => o.Problem() is null,
            "Reports:Currency must be an ISO 4217 code (USD, EUR) and Reports:BaseUrl an absolute http(s) address.");
        services.AddCheckedSettings<SnapshotOptions>(configuration, SnapshotOptions.Section);
        services.AddOptions<CustomerValue.Ingestion.IngestionLimits>().Bind(configuration.GetSection(CustomerValue.Ingestion.IngestionLimits.SectionName));
        services.AddCheckedSettings<ReconciliationOptions>(configuration, ReconciliationOptions.Section);
        services.AddCheckedSettings<StorageClientOptions>(configuration, StorageClientOptions.Section);
        services.AddSingleton(sp => new StorageClients(StorageSettings.Connection(configuration),
            sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<StorageClientOptions>>().Value, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<UploadLedger>();
        services.AddSingleton<UploadBlobIndex>();
        services.AddSingleton<PartialAggregateStore>();
        services.AddSingleton<CustomerTable>();
        services.AddSingleton<KpiSnapshotStore>();
        services.AddSingleton<CustomerValue.Storage.Records.KindRecordStore>();
        services.AddSingleton<UploadIngestionService>();
        services.AddSingleton<IngestMessageHandler>();
        services.AddSingleton<CustomerBucketReducer>();
        services.AddSingleton<CustomerValue.Application.Uploads.UploadRemoval>();
        services.AddSingleton<CustomerValue.Application.Uploads.UploadBlobListing>();
        services.AddSingleton<CustomerValue.Application.Uploads.UploadCatalog>();
        services.AddSingleton<KpiSnapshotService>();
        services.AddSingleton<CustomerBaseReader>();
        services.AddSingleton<SegmentSnapshotStore>();
        services.AddSingleton<CustomerSnapshotStore>();
        services.TryAddSingleton<CustomerValue.Reports.IReportDataSource, CustomerValue.Application.Reports.TableReportDataSource>();
        services.AddCheckedSettings<CustomerValue.Value.ValueOptions>(configuration, CustomerValue.Value.ValueOptions.Section)
            .Validate(o => o.HasValidRepeatPurchaseModel, "Value:RepeatPurchaseModel must be Auto, bgnbd, mbgnbd or paretonbd.");
        services.AddOptions<CustomerValue.Segments.SegmentationOptions>().Bind(configuration.GetSection("Segments"));
        services.AddSingleton<UploadReconciler>();
        services.AddCheckedSettings<DiscoveryOptions>(configuration, DiscoveryOptions.Section);
        services.AddSingleton<UploadDiscovery>();
        services.TryAddSingleton<IUploadRowsObserver, NoUploadRowsObserver>();
        services.AddSingleton<FailureLedger>();
        services.AddSingleton<FailureReplayer>();
        services.AddSingleton<PoisonRecorder>();
        services.AddSingleton<TimerRunLog>();
        services.AddSentimentAnalysis(configuration);
        services.AddSingleton<CustomerValue.Application.Sentiment.SurveySentimentService>();
        return services;
    }
}
