using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using CustomerValue.Domain;
using CustomerValue.Ingestion;
using CustomerValue.Models;

namespace CustomerValue.Cli.Commands;

/// <summary>`roi clv`: fit BG/NBD, modified BG/NBD or Pareto/NBD (+ Gamma-Gamma when spend is given) and predict CLV per customer.</summary>
public static class ClvCommand
{
    public static Command Create()
    {
        var summary = new Option<FileInfo?>("--summary") { Description = "CSV with ID, frequency|x, recency|t_x, T and optionally monetary|zbar (one row per customer)." };
        var transactions = new Option<FileInfo?>("--transactions") { Description = "Transactions: CSV with customer_id,date,amount or the whitespace CDNOW layout." };
        var calibrationEnd = new Option<DateOnly?>("--calibration-end") { Description = "Last day of the calibration period (yyyy-MM-dd); needed with --transactions." };
        var timeUnit = new Option<string>("--time-unit") { Description = "Time unit of t_x, T and the horizon when reading transactions: weeks or days.", DefaultValueFactory = _ => "weeks" };
        timeUnit.AcceptOnlyFromAmong("weeks", "days");
        var model = new Option<string>("--model")
        {
            Description = "Repeat-purchase model: bgnbd, mbgnbd (modified BG/NBD: one-time buyers may have dropped out) or paretonbd.",
            DefaultValueFactory = _ => "bgnbd",
        };
        model.AcceptOnlyFromAmong([.. RepeatPurchaseModels.All.Select(RepeatPurchaseModels.NameOf)]);
        var horizon = new Option<int>("--horizon") { Description = "Prediction horizon in time units (each unit is one discounting period).", DefaultValueFactory = _ => 52 };
        var discount = new Option<double>("--discount-rate") { Description = "Discount rate per time unit, e.g. 0.0019 per week for about 10% a year.", DefaultValueFactory = _ => 0 };
        var margin = new Option<double>("--margin") { Description = "Profit margin applied to spend (1 = revenue).", DefaultValueFactory = _ => 1 };
        var predictions = new Option<FileInfo?>("--predictions") { Description = "Write per-customer predictions to this CSV." };
        var json = new Option<bool>("--json") { Description = "Print the fit as JSON." };

        var command = new Command("clv", "Fit a repeat-purchase model (BG/NBD, modified BG/NBD or Pareto/NBD) and Gamma-Gamma spend, and predict CLV per customer.")
        {
            summary, transactions, calibrationEnd, timeUnit, model, horizon, discount, margin, predictions, json,
        };
        command.SetAction(async (ParseResult r, CancellationToken ct) =>
        {
            var output = r.InvocationConfiguration.Output;
            var error = r.InvocationConfiguration.Error;
            var summaryFile = r.GetValue(summary);
            var transactionFile = r.GetValue(transactions);
            if ((summaryFile is null) == (transactionFile is null))
            {
                await error.WriteLineAsync("give exactly one of --summary FILE or --transactions FILE.");
                return 2;
            }
            if (r.GetValue(horizon) < 0 || !(r.GetValue(discount) > -1))
            {
                await error.WriteLineAsync("--horizon must be >= 0 and --discount-rate above -1.");
                return 2;
            }
            var daysPerUnit = r.GetValue(timeUnit) == "days" ? 1.0 : 7.0;
            List<RfmObservation> customers;
            int rejected;
            if (summaryFile is not null)
            {
                (customers, rejected) = ReadSummary(summaryFile, error);
            }
            else
            {
                if (r.GetValue(calibrationEnd) is not { } end)
                {
                    await error.WriteLineAsync("--transactions needs --calibration-end yyyy-MM-dd.");
                    return 2;
                }
                (customers, rejected) = ReadTransactions(transactionFile!, end, daysPerUnit, error);
            }
            if (customers.Count == 0)
            {
                await error.WriteLineAsync("no usable customer rows.");
                return 1;
            }

            var options = new ClvOptions { Periods = r.GetValue(horizon), PeriodLength = 1, DiscountRate = r.GetValue(discount), Margin = r.GetValue(margin) };
            RepeatPurchaseModels.TryParse(r.GetValue(model)!, out var kind); // the option accepts only the models' names
            ClvAnalysisResult result;
            try
            {
                result = ClvAnalysis.Run(customers, kind, options);
            }
            catch (ModelFitException e)
            {
                await error.WriteLineAsync($"cannot fit: {e.Message}");
                return 1;
            }

            if (r.GetValue(predictions) is { } predictionFile)
                await WritePredictionsAsync(predictionFile, result.Predictions, ct);
            var unit = summaryFile is null ? r.GetValue(timeUnit)! : "as in the summary file";
            if (r.GetValue(json)) await output.WriteLineAsync(ToJson(result, unit, rejected).ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
            else await output.WriteAsync(ToText(result, unit, rejected));
            return 0;
        });
        return command;
    }

    private static (List<RfmObservation>, int Rejected) ReadSummary(FileInfo file, TextWriter error)
    {
        using var reader = file.OpenText();
        var good = new List<RfmObservation>();
        var rejected = 0;
        foreach (var row in RfmInputs.ReadSummary(reader, file.Name))
        {
            if (row.IsAccepted) good.Add(row.Value);
            else ReportRejection(file, row.Rejection!, error, ref rejected);
        }
        return (good, rejected);
    }

    private static (List<RfmObservation>, int Rejected) ReadTransactions(FileInfo file, DateOnly calibrationEnd, double daysPerUnit, TextWriter error)
    {
        using var stream = file.OpenRead();
        var good = new List<Transaction>();
        var rejected = 0;
        foreach (var row in TransactionFileReader.Read(stream, file.Name))
        {
            if (row.IsAccepted) good.Add(row.Value);
            else ReportRejection(file, row.Rejection!, error, ref rejected);
        }
        return (RfmInputs.FromTransactions(good, calibrationEnd, daysPerUnit), rejected);
    }

    private static void ReportRejection(FileInfo file, RowRejection rejection, TextWriter error, ref int rejected)
    {
        if (rejected++ < 20)
            error.WriteLine($"{file.Name}: line {rejection.Line}, column {rejection.Column}: {rejection.Reason}{(rejection.RawValue is null ? "" : $" ('{rejection.RawValue}')")}");
    }

    private static JsonObject ToJson(ClvAnalysisResult result, string timeUnit, int rejected)
    {
        var fit = result.Purchases;
        var root = new JsonObject
        {
            ["model"] = fit.Model.Name,
            ["params"] = new JsonObject(fit.Model.NamedParameters.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)JsonValue.Create(p.Value)))),
            ["logLikelihood"] = fit.LogLikelihood,
            ["customers"] = fit.Customers,
            ["distinctRows"] = fit.DistinctRows,
            ["converged"] = fit.Converged,
            ["timeUnit"] = timeUnit,
            ["rejectedRows"] = rejected,
        };
        if (result.Spend is { } spend)
        {
            root["gammaGamma"] = new JsonObject
            {
                ["p"] = spend.Parameters.P,
                ["q"] = spend.Parameters.Q,
                ["v"] = spend.Parameters.V,
                ["logLikelihood"] = spend.LogLikelihood,
                ["customers"] = spend.Customers,
                ["populationMeanSpend"] = spend.Parameters.PopulationMeanSpend,
                ["converged"] = spend.Converged,
            };
        }
        root["clv"] = new JsonObject
        {
            ["formula"] = result.Options.Formula,
            ["horizon"] = result.Options.Horizon,
            ["discountRate"] = result.Options.DiscountRate,
            ["margin"] = result.Options.Margin,
            ["customersWithClv"] = result.CustomersWithClv,
            ["totalClv"] = result.CustomersWithClv > 0 ? result.TotalClv : null,
        };
        root["warnings"] = new JsonArray(result.Warnings.Select(w => (JsonNode?)JsonValue.Create(w)).ToArray());
        return root;
    }

    private static string ToText(ClvAnalysisResult result, string timeUnit, int rejected)
    {
        var fit = result.Purchases;
        var lines = new List<string>
        {
            $"model: {fit.Model.Name} ({fit.Customers:N0} customers, {fit.DistinctRows:N0} distinct (x, t_x, T) rows, time unit: {timeUnit}{(rejected > 0 ? $", {rejected} rows rejected" : "")})",
            "params: " + string.Join(", ", fit.Model.NamedParameters.Select(p => $"{p.Key} = {p.Value.ToString("G6", CultureInfo.InvariantCulture)}")),
            $"log-likelihood: {fit.LogLikelihood.ToString("F3", CultureInfo.InvariantCulture)}{(fit.Converged ? "" : " (not converged)")}",
        };
        if (result.Spend is { } s)
            lines.Add(FormattableString.Invariant(
                $"gamma-gamma: p = {s.Parameters.P:G6}, q = {s.Parameters.Q:G6}, v = {s.Parameters.V:G6}, log-likelihood {s.LogLikelihood:F3} ({s.Customers:N0} repeat buyers)"));
        lines.Add($"CLV: {result.Options.Formula}");
        if (result.CustomersWithClv > 0)
            lines.Add(FormattableString.Invariant($"total CLV over the horizon: {result.TotalClv:N2} ({result.CustomersWithClv:N0} customers)"));
        lines.AddRange(result.Warnings.Select(w => $"warning: {w}"));
        return string.Join(Environment.NewLine, lines) + Environment.NewLine;
    }

    private static async Task WritePredictionsAsync(FileInfo file, IReadOnlyList<ClvPrediction> predictions, CancellationToken ct)
    {
        await using var writer = new StreamWriter(file.FullName);
        await writer.WriteLineAsync("id,x,t_x,T,p_alive,expected_purchases,expected_spend,clv");
        foreach (var p in predictions)
        {
            ct.ThrowIfCancellationRequested();
            await writer.WriteLineAsync(string.Join(',',
                CsvField(p.CustomerId), p.Frequency.ToString(CultureInfo.InvariantCulture), Number(p.Recency), Number(p.Age),
                Number(p.ProbabilityAlive), Number(p.ExpectedPurchases), Number(p.ExpectedSpend), Number(p.Clv)));
        }
    }

    private static string CsvField(string text) =>
        text.IndexOfAny([',', '"', '\n', '\r']) < 0 ? text : $"\"{text.Replace("\"", "\"\"")}\"";

    private static string Number(double? value) => value is { } v ? v.ToString("G9", CultureInfo.InvariantCulture) : "";
}
