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
    }

    public static class Queues
    {
        /// <summary>One message per (upload, customer bucket): recompute that bucket's customers.</summary>
        public const string Metrics = "metrics";
    }

    public static class Tables
    {
        /// <summary>The ledger: one row per upload (status, row counts) and one marker per finished chunk.</summary>
        public const string Uploads = "Uploads";
        /// <summary>Which content each uploaded blob name currently holds: the set of uploads that count.</summary>
        public const string UploadBlobs = "UploadBlobs";
        public const string Customers = "Customers";
        public const string KpiSnapshots = "KpiSnapshots";
        /// <summary>The send ledger of scheduled emails: partition = email kind, row = period.</summary>
        public const string EmailSends = "EmailSends";
    }

    public static IEnumerable<string> AllContainers => [Containers.Uploads, Containers.Rejected, Containers.Aggregates];
    public static IEnumerable<string> AllQueues => [Queues.Metrics];
    public static IEnumerable<string> AllTables => [Tables.Uploads, Tables.UploadBlobs, Tables.Customers, Tables.KpiSnapshots, Tables.EmailSends];
}
