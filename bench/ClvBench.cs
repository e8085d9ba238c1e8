using System.Diagnostics;
using System.Globalization;
using CustomerValue.Models;
using MathNet.Numerics.Distributions;

namespace CustomerValue.Bench;

/// <summary>
/// `clv`: BG/NBD and Gamma-Gamma fits, then modified BG/NBD fits, on customers simulated from the models' own
/// generative processes (seeded), at 10k, 100k and 1M customers. Data generation is outside the timings. Reports the
/// median of the runs, the allocation of one fit, the process peak working set, and how close the fit lands to the
/// generating parameters.
/// Options: --runs N (default 3), --sizes 10000,100000,1000000.
/// </summary>
internal static class ClvBench
{
    private static readonly BgNbdParameters Truth = new(0.243, 4.414, 0.793, 2.426);
    private static readonly ModifiedBgNbdParameters ModifiedTruth = new(0.525, 6.183, 0.891, 1.614); // its CDNOW fit
    private static readonly GammaGammaParameters SpendTruth = new(6.25, 3.74, 15.44);
    private static readonly ClvOptions Horizon = new() { Periods = 52, DiscountRate = 0.0019 }; // 52 weeks at about 10% a year

    public static Task<int> RunAsync(string[] args)
    {
        var runs = 3;
        int[] sizes = [10_000, 100_000, 1_000_000];
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            if (args[i] == "--runs") runs = int.Parse(args[i + 1], CultureInfo.InvariantCulture);
            else if (args[i] == "--sizes") sizes = args[i + 1].Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        }
        Console.WriteLine($"generating: BG/NBD r={Truth.R}, alpha={Truth.Alpha}, a={Truth.A}, b={Truth.B}; Gamma-Gamma p={SpendTruth.P}, q={SpendTruth.Q}, v={SpendTruth.V}");
        Console.WriteLine("customers acquired uniformly over 12 weeks, calibration 52 weeks, times kept to whole days (unit: weeks); seed 42");
        Console.WriteLine($"median of {runs} runs; 'BG/NBD s' includes grouping identical (x, t_x, T) rows");
        Console.WriteLine();
        Console.WriteLine("| customers | distinct (x, t_x, T) rows | repeat buyers | BG/NBD fit s | evals | Gamma-Gamma fit s | evals | predict CLV s | allocated per run MB | peak working set MB | fitted r, alpha, a, b | max rel. error | fitted p, q, v | max rel. error |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---|---:|");
        foreach (var n in sizes)
        {
            var data = Simulate(n, new Random(42), Truth.R, Truth.Alpha, Truth.A, Truth.B, dropoutAtFirstPurchase: false);
            var bgTimes = new List<double>();
            var ggTimes = new List<double>();
            ModelFit<BgNbdParameters>? bg = null;
            ModelFit<GammaGammaParameters>? gg = null;
            long allocated = 0;
            for (var run = 0; run < runs; run++)
            {
                GC.Collect();
                var before = GC.GetTotalAllocatedBytes(precise: true);
                var clock = Stopwatch.StartNew();
                bg = BgNbdModel.Fit(data);
                bgTimes.Add(clock.Elapsed.TotalSeconds);
                clock.Restart();
                gg = GammaGammaModel.Fit(data);
                ggTimes.Add(clock.Elapsed.TotalSeconds);
                allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
            }
            var predictTimes = new List<double>();
            for (var run = 0; run < runs; run++)
            {
                var clock = Stopwatch.StartNew();
                var total = ClvCalculator.Predict(bg!.Parameters, gg!.Parameters, data, Horizon).Sum(p => p.Clv ?? 0);
                predictTimes.Add(clock.Elapsed.TotalSeconds);
                if (!(total > 0)) throw new InvalidOperationException("the predicted CLV total is not positive.");
            }
            var peak = Process.GetCurrentProcess().PeakWorkingSet64;
            var b = bg!.Parameters;
            var g = gg!.Parameters;
            var bgError = MaxRelativeError([b.R, b.Alpha, b.A, b.B], [Truth.R, Truth.Alpha, Truth.A, Truth.B]);
            var ggError = MaxRelativeError([g.P, g.Q, g.V], [SpendTruth.P, SpendTruth.Q, SpendTruth.V]);
            Console.WriteLine(FormattableString.Invariant(
                $"| {n:N0} | {bg.DistinctRows:N0} | {data.Count(c => c.Frequency > 0):N0} | {Median(bgTimes):F3} | {bg.Evaluations} | {Median(ggTimes):F3} | {gg.Evaluations} | {Median(predictTimes):F3} | {allocated / 1e6:F0} | {peak / 1e6:F0} | {b.R:F3}, {b.Alpha:F3}, {b.A:F3}, {b.B:F3}{(bg.Converged ? "" : " (not converged)")} | {bgError:P1} | {g.P:F2}, {g.Q:F2}, {g.V:F2}{(gg.Converged ? "" : " (not converged)")} | {ggError:P1} |"));
        }
        Console.WriteLine();
        Console.WriteLine("predict CLV: P(alive), E[Y(t)] and discounted CLV over 52 weekly periods at 0.19% a week for every customer, forecasts cached per distinct (x, t_x, T).");
        Console.WriteLine("peak working set is of the whole process so far (it includes the simulated data of that size and never decreases).");
        Console.WriteLine();
        RunModified(runs, sizes);
        return Task.FromResult(0);
    }

    /// <summary>Modified BG/NBD fits on data simulated from the modified process (dropout possible at the first purchase).</summary>
    private static void RunModified(int runs, int[] sizes)
    {
        var t = ModifiedTruth;
        Console.WriteLine($"generating: modified BG/NBD r={t.R}, alpha={t.Alpha}, a={t.A}, b={t.B}; same acquisition, calibration and seed");
        Console.WriteLine("| customers | distinct (x, t_x, T) rows | repeat buyers | MBG/NBD fit s | evals | allocated per run MB | fitted r, alpha, a, b | max rel. error |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|---|---:|");
        foreach (var n in sizes)
        {
            var data = Simulate(n, new Random(42), t.R, t.Alpha, t.A, t.B, dropoutAtFirstPurchase: true);
            var times = new List<double>();
            ModelFit<ModifiedBgNbdParameters>? fit = null;
            long allocated = 0;
            for (var run = 0; run < runs; run++)
            {
                GC.Collect();
                var before = GC.GetTotalAllocatedBytes(precise: true);
                var clock = Stopwatch.StartNew();
                fit = ModifiedBgNbdModel.Fit(data);
                times.Add(clock.Elapsed.TotalSeconds);
                allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
            }
            var p = fit!.Parameters;
            var error = MaxRelativeError([p.R, p.Alpha, p.A, p.B], [t.R, t.Alpha, t.A, t.B]);
            Console.WriteLine(FormattableString.Invariant(
                $"| {n:N0} | {fit.DistinctRows:N0} | {data.Count(c => c.Frequency > 0):N0} | {Median(times):F3} | {fit.Evaluations} | {allocated / 1e6:F0} | {p.R:F3}, {p.Alpha:F3}, {p.A:F3}, {p.B:F3}{(fit.Converged ? "" : " (not converged)")} | {error:P1} |"));
        }
    }

    private static double MaxRelativeError(double[] fitted, double[] truth) =>
        fitted.Zip(truth, (f, t) => Math.Abs(f - t) / t).Max();

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }

    /// <summary>
    /// BG/NBD: lambda ~ gamma(r, alpha), p ~ beta(a, b); purchases arrive at rate lambda after the first one, and after
    /// each repeat purchase the customer drops out with probability p (modified BG/NBD: also right after the first
    /// purchase). Gamma-Gamma: nu ~ gamma(q, v), each purchase value ~ gamma(p, nu), so the sum of x values is gamma(p x, nu).
    /// </summary>
    private static RfmObservation[] Simulate(int customers, Random random, double r, double alpha, double a, double b, bool dropoutAtFirstPurchase)
    {
        var result = new RfmObservation[customers];
        for (var i = 0; i < customers; i++)
        {
            var firstDay = random.Next(0, 84);
            var T = (364 - firstDay) / 7.0;
            var lambda = Gamma.Sample(random, r, alpha);
            var dropout = Beta.Sample(random, a, b);
            int x = 0;
            double t = 0, lastDay = 0;
            var alive = !dropoutAtFirstPurchase || random.NextDouble() >= dropout;
            while (alive)
            {
                t += Exponential.Sample(random, lambda);
                if (t > T) break;
                x++;
                lastDay = Math.Floor(t * 7);
                if (random.NextDouble() < dropout) break;
            }
            var mean = 0.0;
            if (x > 0)
            {
                var nu = Gamma.Sample(random, SpendTruth.Q, SpendTruth.V);
                mean = Gamma.Sample(random, SpendTruth.P * x, nu) / x;
            }
            result[i] = new RfmObservation(i.ToString(CultureInfo.InvariantCulture), x, lastDay / 7, T, mean);
        }
        return result;
    }
}
