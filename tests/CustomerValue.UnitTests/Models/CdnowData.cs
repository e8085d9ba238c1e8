using System.Globalization;
using CustomerValue.Models;

namespace CustomerValue.Tests.Models;

/// <summary>The CDNOW calibration summaries (2,357 customers, weeks), read with a plain split independent of the product's reader.</summary>
internal static class CdnowData
{
    public static string SummaryPath => TestPaths.Data("cdnow", "cdnow_customers_summary.csv");
    public static string SummaryWithSpendPath => TestPaths.Data("cdnow", "cdnow_customers_summary_with_transactions.csv");
    public static string SamplePath => TestPaths.Data("cdnow", "CDNOW_sample.txt");

    private static readonly Lazy<RfmObservation[]> Summary = new(() => Read(SummaryPath, hasSpend: false));
    private static readonly Lazy<RfmObservation[]> WithSpend = new(() => Read(SummaryWithSpendPath, hasSpend: true));

    public static RfmObservation[] Customers => Summary.Value;
    public static RfmObservation[] CustomersWithSpend => WithSpend.Value;

    private static RfmObservation[] Read(string path, bool hasSpend) =>
        File.ReadLines(path).Skip(1).Where(l => l.Length > 0).Select(line =>
        {
            var c = line.Split(',');
            double D(int i) => double.Parse(c[i], CultureInfo.InvariantCulture);
            return new RfmObservation(c[0], int.Parse(c[1], CultureInfo.InvariantCulture), D(2), D(3), hasSpend ? D(4) : 0);
        }).ToArray();
}
