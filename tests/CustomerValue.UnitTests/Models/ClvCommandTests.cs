using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using CustomerValue.Cli.Commands;
using CustomerValue.Models;

namespace CustomerValue.Tests.Models;

/// <summary>`roi clv` run in-process on the CDNOW files, checked against the published fits.</summary>
public class ClvCommandTests
{
    private static async Task<(int Exit, string Output, string Error)> RunAsync(params string[] args)
    {
        var root = new RootCommand { ClvCommand.Create() };
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await root.Parse(["clv", .. args]).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        return (exit, output.ToString(), error.ToString());
    }

    private static void AssertWithin(double expected, JsonElement actual, double relative) =>
        Assert.True(Math.Abs(actual.GetDouble() - expected) <= relative * Math.Abs(expected), $"expected {expected} within {relative:P1}, got {actual}");

    /// <summary>Full-precision BG/NBD fit: parameters within 0.5%, log-likelihood within 0.1.</summary>
    private static void AssertPublishedBgNbdFit(JsonElement json)
    {
        var p = json.GetProperty("params");
        AssertWithin(0.2425945, p.GetProperty("r"), 0.005);
        AssertWithin(4.4136019, p.GetProperty("alpha"), 0.005);
        AssertWithin(0.7929199, p.GetProperty("a"), 0.005);
        AssertWithin(2.4258881, p.GetProperty("b"), 0.005);
        Assert.InRange(json.GetProperty("logLikelihood").GetDouble(), -9582.429 - 0.1, -9582.429 + 0.1);
    }

    [Fact]
    public async Task Summary_json_has_the_published_bgnbd_and_gamma_gamma_parameters()
    {
        var (exit, output, error) = await RunAsync("--summary", CdnowData.SummaryWithSpendPath, "--json");
        Assert.True(exit == 0, error);
        var json = JsonDocument.Parse(output).RootElement;
        Assert.Equal("bgnbd", json.GetProperty("model").GetString());
        AssertPublishedBgNbdFit(json);
        Assert.Equal(2357, json.GetProperty("customers").GetDouble());
        var gg = json.GetProperty("gammaGamma");
        AssertWithin(6.25, gg.GetProperty("p"), 0.005);
        AssertWithin(3.74, gg.GetProperty("q"), 0.005);
        AssertWithin(15.44, gg.GetProperty("v"), 0.005);
        Assert.InRange(gg.GetProperty("logLikelihood").GetDouble(), -4055.92 - 0.1, -4055.92 + 0.1);
    }

    [Fact]
    public async Task Pareto_nbd_json_names_its_parameters_as_in_the_paper()
    {
        var (exit, output, error) = await RunAsync("--summary", CdnowData.SummaryPath, "--model", "paretonbd", "--json");
        Assert.True(exit == 0, error);
        var json = JsonDocument.Parse(output).RootElement;
        Assert.Equal("paretonbd", json.GetProperty("model").GetString());
        var p = json.GetProperty("params");
        AssertWithin(0.553, p.GetProperty("r"), 0.005);
        AssertWithin(10.578, p.GetProperty("alpha"), 0.005);
        AssertWithin(0.606, p.GetProperty("s"), 0.01);
        Assert.True(p.TryGetProperty("beta", out _));
        Assert.False(json.TryGetProperty("gammaGamma", out _), "no spend column, no spend model");
    }

    [Fact]
    public async Task Modified_bg_nbd_json_has_the_published_parameters_and_the_likelihood_of_its_customers()
    {
        var (exit, output, error) = await RunAsync("--summary", CdnowData.SummaryPath, "--model", "mbgnbd", "--json");
        Assert.True(exit == 0, error);
        var json = JsonDocument.Parse(output).RootElement;
        Assert.Equal("mbgnbd", json.GetProperty("model").GetString());
        var p = json.GetProperty("params");
        AssertWithin(0.525, p.GetProperty("r"), 0.005);
        AssertWithin(6.183, p.GetProperty("alpha"), 0.005);
        AssertWithin(0.891, p.GetProperty("a"), 0.005);
        AssertWithin(1.614, p.GetProperty("b"), 0.005);
        var printed = new ModifiedBgNbdParameters(p.GetProperty("r").GetDouble(), p.GetProperty("alpha").GetDouble(), p.GetProperty("a").GetDouble(), p.GetProperty("b").GetDouble());
        var total = CdnowData.Customers.Sum(c => printed.LogLikelihood(c.Frequency, c.Recency, c.Age));
        Assert.Equal(total, json.GetProperty("logLikelihood").GetDouble(), 6);
    }

    [Fact]
    public async Task An_unknown_model_is_a_usage_error_listing_the_models()
    {
        var (exit, _, error) = await RunAsync("--summary", CdnowData.SummaryPath, "--model", "bgbb");
        Assert.NotEqual(0, exit);
        Assert.Contains("mbgnbd", error);
    }

    [Fact]
    public async Task Transactions_file_cut_at_the_calibration_end_reproduces_the_published_fit()
    {
        // The summary was built from these transactions (x = repeat purchase days up to 1997-09-30, weeks). Working
        // from unrounded t_x and T the fit lands on the full-precision figures themselves.
        var (exit, output, error) = await RunAsync("--transactions", CdnowData.SamplePath, "--calibration-end", "1997-09-30", "--time-unit", "weeks", "--json");
        Assert.True(exit == 0, error);
        var json = JsonDocument.Parse(output).RootElement;
        Assert.Equal(2357, json.GetProperty("customers").GetDouble());
        AssertPublishedBgNbdFit(json);
        Assert.Equal(946, json.GetProperty("gammaGamma").GetProperty("customers").GetDouble());
    }

    [Fact]
    public async Task Predictions_csv_has_the_agreed_columns_and_customer_one_matches_the_published_prediction()
    {
        var path = Path.Combine(Path.GetTempPath(), $"clv-{Guid.NewGuid():N}.csv");
        try
        {
            var (exit, _, error) = await RunAsync("--summary", CdnowData.SummaryWithSpendPath, "--horizon", "39", "--discount-rate", "0.01", "--predictions", path);
            Assert.True(exit == 0, error);
            var lines = File.ReadAllLines(path);
            Assert.Equal("id,x,t_x,T,p_alive,expected_purchases,expected_spend,clv", lines[0]);
            Assert.Equal(2358, lines.Length);
            var first = lines[1].Split(',');
            Assert.Equal("1", first[0]);
            double Cell(int i) => double.Parse(first[i], CultureInfo.InvariantCulture);
            Assert.Equal(0.7266, Cell(4), 3);      // published P(alive) 0.726609
            Assert.Equal(1.2259, Cell(5), 3);      // published E[Y(39)] 1.225906
            Assert.Equal(24.65, Cell(6), 0.1);     // published conditional spend, tolerance 0.1
            // Discounting at 1% a week must leave CLV below the undiscounted purchases x spend, and above it / 1.01^39.
            var undiscounted = Cell(5) * Cell(6);
            Assert.InRange(Cell(7), undiscounted / Math.Pow(1.01, 39), undiscounted);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Bad_rows_are_reported_with_line_and_column_and_good_rows_kept()
    {
        var path = Path.Combine(Path.GetTempPath(), $"clv-{Guid.NewGuid():N}.csv");
        try
        {
            var lines = File.ReadLines(CdnowData.SummaryPath).ToList();
            lines.Insert(3, "bad,two,1.0,30");
            File.WriteAllLines(path, lines);
            var (exit, output, error) = await RunAsync("--summary", path, "--json");
            Assert.Equal(0, exit);
            Assert.Contains("line 4, column frequency: not a number", error);
            Assert.Equal(2357, JsonDocument.Parse(output).RootElement.GetProperty("customers").GetDouble());
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Both_or_neither_input_file_is_a_usage_error()
    {
        var (exit, _, error) = await RunAsync("--json");
        Assert.Equal(2, exit);
        Assert.Contains("exactly one of --summary", error);
    }
}
