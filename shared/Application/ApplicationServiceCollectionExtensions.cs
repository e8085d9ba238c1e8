using CustomerValue.Application.Ingestion;
using CustomerValue.Application.Metrics;
using CustomerValue.Application.Reconciliation;
using CustomerValue.Application.Snapshots;
using CustomerValue.Storage.Language;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerValue.Application;

public static class ApplicationServiceCollectionExtensions
{
    /// <summary>The storage adapters and pipeline stages, over the account named by the "AzureWebJobsStorage" setting.</summary>
    public static IServiceCollection AddCustomerValuePipeline(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<PipelineOptions>().Bind(configuration.GetSection(PipelineOptions.Section))
            .Validate(o => o.CustomerBuckets is >= 1 and <= 1024, "Pipeline:CustomerBuckets must be between 1 and 1024.").ValidateOnStart();
        services.AddOptions<ReportOptions>().Bind(configuration.GetSection(ReportOptions.Section))
            .Validate(o => o.Problem() is null, "Reports:Currency must be an ISO 4217 code (USD, EUR) and Reports:BaseUrl an absolute http(s) address.").ValidateOnStart();
        services.AddOptions<SnapshotOptions>().Bind(configuration.GetSection(SnapshotOptions.Section))
            .Validate(o => o.ActiveWindowDays > 0, "Snapshots:ActiveWindowDays must be positive.").ValidateOnStart();
        services.AddOptions<CustomerValue.Ingestion.IngestionLimits>().Bind(configuration.GetSection(CustomerValue.Ingestion.IngestionLimits.SectionName));
        services.AddOptions<ReconciliationOptions>().Bind(configuration.GetSection(ReconciliationOptions.Section))
            .Validate(o => o.MinAge >= TimeSpan.Zero, "Reconciliation:MinAge must not be negative.").ValidateOnStart();
        services.AddOptions<StorageClientOptions>().Bind(configuration.GetSection(StorageClientOptions.Section))
            .Validate(o => o.MaxRetries is >= 0 and <= 20, "Storage:MaxRetries must be between 0 and 20.")
            .Validate(o => o.FaultInjection.Rate is >= 0 and < 1, "Storage:FaultInjection:Rate must be at least 0 and below 1.").ValidateOnStart();
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
        services.AddOptions<CustomerValue.Value.ValueOptions>().Bind(configuration.GetSection(CustomerValue.Value.ValueOptions.Section))
            .Validate(o => o.HorizonWeeks is > 0 and <= 520, "Value:HorizonWeeks must be between 1 and 520.")
            .Validate(o => o.AnnualDiscountRate is >= 0 and < 1, "Value:AnnualDiscountRate must be at least 0 and below 1.")
            .Validate(o => o.Margin is > 0 and <= 1, "Value:Margin must be above 0 and at most 1.")
            .Validate(o => o.HasValidRepeatPurchaseModel, "Value:RepeatPurchaseModel must be Auto, bgnbd, mbgnbd or paretonbd.").ValidateOnStart();
        services.AddOptions<CustomerValue.Segments.SegmentationOptions>().Bind(configuration.GetSection("Segments"));
        services.AddSingleton<UploadReconciler>();
        services.AddOptions<DiscoveryOptions>().Bind(configuration.GetSection(DiscoveryOptions.Section))
            .Validate(o => o.RequeueAfter > TimeSpan.Zero && o.SendParallelism is >= 1 and <= 256 && o.MaxQueued >= 1 && o.BatchSize is >= 1 and <= 100 && o.BatchMaxBytes >= 0,
                "Discovery:RequeueAfter must be positive, Discovery:SendParallelism between 1 and 256, Discovery:MaxQueued at least 1, Discovery:BatchSize between 1 and 100, Discovery:BatchMaxBytes not negative.").ValidateOnStart();
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
