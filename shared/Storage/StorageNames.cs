namespace CustomerValue.Storage;

/// <summary>Every container, queue and table the pipeline uses. infra/ declares the same names; a test keeps them in step.</summary>
public static class StorageNames
{
    public static class Containers
    {
        /// <summary>Marketing and operations upload here: uploads/{kind}/{file}.</summary>
        public const string Uploads = "uploads";
        /// <summary>rejected/{uploadId}.csv: every rejected row with its line, column and reason.</summary>
        public const string Rejected = "rejected";
        /// <summary>aggregates/{uploadId}/{bucket}.bin: per-upload partial customer aggregates (claim-check bodies).</summary>
        public const string Aggregates = "aggregates";
        /// <summary>snapshots/{period}/customers/{bucket}.jsonl.gz: every customer's row of a snapshot, for the customer page.</summary>
        public const string Snapshots = "snapshots";
    }

    public static class Queues
    {
        /// <summary>One message per (upload, customer bucket): recompute that bucket's customers.</summary>
        public const string Metrics = "metrics";
        /// <summary>One message per survey upload: score its comments.</summary>
        public const string Sentiment = "sentiment";
        public const string SentimentPoison = Sentiment + "-poison";
        /// <summary>Blob paths to (re)ingest: from the reconciliation sweep and from `roi replay`.</summary>
        public const string Ingest = "ingest";
        /// <summary>Where the trigger engine moves a message that failed its last attempt (queue name + "-poison").</summary>
        public const string MetricsPoison = Metrics + "-poison";
        public const string IngestPoison = Ingest + "-poison";
        /// <summary>The trigger engine's own poison queue for blob triggers.</summary>
        public const string BlobTriggerPoison = "webjobs-blobtrigger-poison";
    }

    public static class Tables
    {
        /// <summary>The ledger: one row per upload (status, row counts) and one marker per finished chunk.</summary>
        public const string Uploads = "Uploads";
        /// <summary>Which content each uploaded blob name currently holds: the set of uploads that count.</summary>
        public const string UploadBlobs = "UploadBlobs";
        public const string Customers = "Customers";
        /// <summary>Accepted rows of the other kinds: partition = upload id, row = line.</summary>
        public const string CustomerProfiles = "CustomerProfiles";
        public const string Costs = "Costs";
        public const string Subscriptions = "Subscriptions";
        public const string SupportTickets = "SupportTickets";
        public const string SurveyResponses = "SurveyResponses";
        /// <summary>Per survey comment: label, compound score, aspects, key phrases (partition = upload, row = line and comment).</summary>
        public const string SurveySentiment = "SurveySentiment";
        public const string KpiSnapshots = "KpiSnapshots";
        /// <summary>Per period: segment figures, ranked opportunities, key drivers, lifecycle view.</summary>
        public const string SegmentSnapshots = "SegmentSnapshots";
        /// <summary>Failed and poisoned work, with the reason, for `roi failures` and `roi replay`.</summary>
        public const string Failures = "Failures";
        /// <summary>Which instance ran each timer occurrence.</summary>
        public const string TimerRuns = "TimerRuns";
        /// <summary>The send ledger of scheduled emails: partition = email kind, row = period.</summary>
        public const string EmailSends = "EmailSends";
    }

    public static IEnumerable<string> AllContainers => [Containers.Uploads, Containers.Rejected, Containers.Aggregates, Containers.Snapshots];
    public static IEnumerable<string> AllQueues => [Queues.Metrics, Queues.Ingest, Queues.Sentiment, Queues.MetricsPoison, Queues.IngestPoison, Queues.SentimentPoison, Queues.BlobTriggerPoison];
    public static IEnumerable<string> AllTables => [Tables.Uploads, Tables.UploadBlobs, Tables.Customers, Tables.CustomerProfiles, Tables.Costs, Tables.Subscriptions,
        Tables.SupportTickets, Tables.SurveyResponses, Tables.SurveySentiment, Tables.KpiSnapshots, Tables.SegmentSnapshots, Tables.Failures, Tables.TimerRuns,
        Tables.EmailSends];
}
