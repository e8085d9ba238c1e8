using System.Globalization;
using CustomerValue.Models;

namespace CustomerValue.Churn;

/// <summary>
/// One contract customer as of a date: its cohort (plan or contract type), the whole periods it has completed (its
/// renewals so far; a month for monthly billing), whether it has cancelled, and what it pays per period.
/// </summary>
public readonly record struct ContractCustomer(string CustomerId, string Cohort, int CompletedPeriods, bool Churned, decimal RecurringValue);

/// <summary>How contract CLV is valued: the discount rate per period, the margin on the recurring value, the fit's knobs.</summary>
public sealed record ContractValueOptions
{
    /// <summary>Per period; the default is 10 % a year over monthly periods.</summary>
    public double DiscountRate { get; init; } = Math.Pow(1.10, 1.0 / 12) - 1;
    /// <summary>Profit margin on the recurring value (1 = revenue CLV).</summary>
    public double Margin { get; init; } = 1;
    /// <summary>A cohort with fewer customers or fewer cancellations than this is valued with the fit of all cohorts pooled.</summary>
    public int MinimumCohortCustomers { get; init; } = 30;
    public int MinimumCohortCancellations { get; init; } = 5;
    public FitOptions? Fit { get; init; }

    public string Formula => string.Create(CultureInfo.InvariantCulture,
        $"CLV = recurring value per period x {Margin:G4} x DERL; DERL = (beta+n)/(alpha+beta+n) 2F1(1, beta+n+1; alpha+beta+n+1; 1/(1+{DiscountRate:G4})) for a customer with n renewals; P(churn at the next renewal) = alpha/(alpha+beta+n)");
}

/// <summary>The sBG fit that values a cohort: its own, or the pooled one when the cohort is too small to fit (<see cref="Pooled"/>).</summary>
public sealed record ContractCohortFit(
    string Cohort, int Customers, int Cancelled, ShiftedBetaGeometricParameters Parameters, double LogLikelihood, bool Pooled, IReadOnlyList<string> Warnings);

/// <summary>
/// One contract customer's predictions. For a customer who has cancelled: P(churn) 1, no remaining lifetime, CLV 0.
/// <see cref="ExpectedRemainingPeriods"/> is the discounted expected residual lifetime (DERL) in periods.
/// </summary>
public sealed record ContractCustomerValue(
    string CustomerId, string Cohort, int CompletedPeriods, bool Churned,
    double ProbabilityChurnNextPeriod, double ExpectedRemainingPeriods, decimal Clv);

public sealed record ContractValueResult(
    IReadOnlyList<ContractCohortFit> Cohorts, IReadOnlyList<ContractCustomerValue> Customers, ContractValueOptions Options, IReadOnlyList<string> Warnings);

/// <summary>
/// Contract customers' value: a shifted-beta-geometric model per cohort fitted on the customers' lifetimes (cancelled
/// at renewal t, or still active after t periods), then per active customer P(churn at the next renewal), the
/// discounted expected residual lifetime (Fader &amp; Hardie 2010) and CLV = DERL x recurring value x margin. Pure:
/// the caller counts periods as of its date. Every customer is assumed present from the start of its contract (a
/// table holding only the customers still active at some earlier date would overstate survival).
/// </summary>
public static class ContractValueCalculator
{
    public const string PooledCohort = "all contracts";

    public static ContractValueResult Calculate(IEnumerable<ContractCustomer> customers, ContractValueOptions? options = null)
    {
        options ??= new ContractValueOptions();
        var all = customers.ToList();
        foreach (var c in all)
            if (c.CompletedPeriods < 0) throw new ArgumentException($"customer {c.CustomerId}: completed periods {c.CompletedPeriods} is negative.");
        var warnings = new List<string>();
        var pooled = new Lazy<ModelFit<ShiftedBetaGeometricParameters>>(() => FitCohort(all, PooledCohort, options));
        var cohorts = new List<ContractCohortFit>();
        foreach (var cohort in all.GroupBy(c => c.Cohort, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var members = cohort.ToList();
            var cancelled = members.Count(c => c.Churned);
            ModelFit<ShiftedBetaGeometricParameters>? own = null;
            string? ownFailure = null;
            if (members.Count < options.MinimumCohortCustomers || cancelled < options.MinimumCohortCancellations)
            {
                ownFailure = $"{members.Count} customers and {cancelled} cancellations, fewer than the {options.MinimumCohortCustomers} and {options.MinimumCohortCancellations} a cohort's own fit needs";
            }
            else
            {
                try { own = FitCohort(members, cohort.Key, options); }
                catch (ModelFitException e) { ownFailure = e.Message; }
            }
            var fit = own ?? pooled.Value;
            if (own is null) warnings.Add($"cohort '{cohort.Key}': valued with the fit of all contracts pooled ({ownFailure}).");
            cohorts.Add(new ContractCohortFit(cohort.Key, members.Count, cancelled, fit.Parameters, fit.LogLikelihood, own is null, FitWarnings(fit)));
        }

        var byCohort = cohorts.ToDictionary(c => c.Cohort, StringComparer.Ordinal);
        var values = all.Select(c => Value(c, byCohort[c.Cohort].Parameters, options)).ToList();
        return new ContractValueResult(cohorts, values, options, warnings);
    }

    /// <summary>One customer's P(churn at the next renewal), DERL and CLV under the given cohort parameters.</summary>
    public static ContractCustomerValue Value(ContractCustomer customer, ShiftedBetaGeometricParameters cohort, ContractValueOptions options)
    {
        if (customer.Churned)
            return new ContractCustomerValue(customer.CustomerId, customer.Cohort, customer.CompletedPeriods, true, 1, 0, 0m);
        var derl = cohort.DiscountedExpectedResidualLifetime(customer.CompletedPeriods, options.DiscountRate);
        return new ContractCustomerValue(customer.CustomerId, customer.Cohort, customer.CompletedPeriods, false,
            cohort.NextRenewalChurnProbability(customer.CompletedPeriods), derl, customer.RecurringValue * (decimal)(derl * options.Margin));
    }

    /// <summary>
    /// The fit's warnings, with the usual reason for parameters at the edge said plainly: alpha and beta grow together
    /// when churn does not vary between the cohort's customers, and the model is then a constant rate per period.
    /// </summary>
    private static List<string> FitWarnings(ModelFit<ShiftedBetaGeometricParameters> fit)
    {
        var p = fit.Parameters;
        var warnings = fit.Warnings.Select(w => $"sBG: {w}").ToList();
        if (p.Alpha + p.Beta > 1e6)
            warnings.Add(string.Create(CultureInfo.InvariantCulture,
                $"sBG: churn shows no variation between customers of this cohort; it is a constant {p.Alpha / (p.Alpha + p.Beta):P3} per period."));
        return warnings;
    }

    private static ModelFit<ShiftedBetaGeometricParameters> FitCohort(IEnumerable<ContractCustomer> members, string cohort, ContractValueOptions options)
    {
        try
        {
            return ShiftedBetaGeometricModel.Fit(SurvivalCounts.From(members.Select(c => (c.CompletedPeriods, c.Churned))), options.Fit);
        }
        catch (ModelFitException e)
        {
            throw new ModelFitException($"cohort '{cohort}': {e.Message}");
        }
    }
}
