namespace CustomerValue.Models;

/// <summary>Outcome of a minimisation: the best point, its value, how many evaluations it took and whether it met the tolerance.</summary>
public sealed record MinimizationResult(double[] Point, double Value, int Evaluations, bool Converged);

/// <summary>
/// Nelder-Mead downhill simplex (Lagarias et al. 1998 coefficients) with one restart from the best point, the usual
/// guard against a simplex that collapsed early. Non-finite objective values are treated as +infinity, so the
/// objective may simply return NaN outside its domain.
/// </summary>
public static class NelderMead
{
    public static MinimizationResult Minimize(
        Func<double[], double> objective, double[] start, double initialStep = 0.5,
        double valueTolerance = 1e-10, double pointTolerance = 1e-8, int maxEvaluations = 20_000)
    {
        var evaluations = 0;
        double Evaluate(double[] p)
        {
            evaluations++;
            var v = objective(p);
            return double.IsFinite(v) ? v : double.PositiveInfinity;
        }

        var best = (double[])start.Clone();
        var bestValue = Evaluate(best);
        var converged = false;
        for (var restart = 0; restart < 3 && evaluations < maxEvaluations; restart++)
        {
            var (point, value, ok) = Run(Evaluate, best, bestValue, initialStep, valueTolerance, pointTolerance, maxEvaluations, () => evaluations);
            var improvement = bestValue - value;
            best = point;
            bestValue = value;
            converged = ok;
            if (ok && restart > 0 && improvement <= valueTolerance * (1 + Math.Abs(value))) break;
            initialStep = Math.Max(initialStep / 4, 1e-3);
        }
        return new MinimizationResult(best, bestValue, evaluations, converged && double.IsFinite(bestValue));
    }

    private static (double[] Point, double Value, bool Converged) Run(
        Func<double[], double> f, double[] start, double startValue, double step,
        double fTol, double xTol, int maxEvaluations, Func<int> evaluationsSoFar)
    {
        var n = start.Length;
        var simplex = new double[n + 1][];
        var values = new double[n + 1];
        simplex[0] = (double[])start.Clone();
        values[0] = startValue;
        for (var i = 0; i < n; i++)
        {
            var p = (double[])start.Clone();
            p[i] += step;
            simplex[i + 1] = p;
            values[i + 1] = f(p);
        }
        var order = new int[n + 1];
        var centroid = new double[n];
        var trial = new double[n];
        var trial2 = new double[n];
        while (evaluationsSoFar() < maxEvaluations)
        {
            for (var i = 0; i <= n; i++) order[i] = i;
            Array.Sort(order, (i, j) => values[i].CompareTo(values[j]));
            int best = order[0], worst = order[n], secondWorst = order[n - 1];
            if (Converged(simplex, values, best, fTol, xTol)) return (simplex[best], values[best], true);

            Array.Clear(centroid);
            for (var k = 0; k < n; k++)
            {
                var vertex = simplex[order[k]];
                for (var d = 0; d < n; d++) centroid[d] += vertex[d] / n;
            }
            Move(centroid, simplex[worst], -1.0, trial); // reflection
            var reflected = f(trial);
            if (reflected < values[best])
            {
                Move(centroid, simplex[worst], -2.0, trial2); // expansion
                var expanded = f(trial2);
                if (expanded < reflected) Replace(simplex, values, worst, trial2, expanded);
                else Replace(simplex, values, worst, trial, reflected);
            }
            else if (reflected < values[secondWorst])
            {
                Replace(simplex, values, worst, trial, reflected);
            }
            else
            {
                var outside = reflected < values[worst];
                Move(centroid, simplex[worst], outside ? -0.5 : 0.5, trial2); // contraction
                var contracted = f(trial2);
                if (contracted < (outside ? reflected : values[worst]))
                {
                    Replace(simplex, values, worst, trial2, contracted);
                }
                else
                {
                    var bestPoint = simplex[best];
                    for (var i = 0; i <= n; i++) // shrink towards the best vertex
                    {
                        if (i == best) continue;
                        for (var d = 0; d < n; d++) simplex[i][d] = bestPoint[d] + 0.5 * (simplex[i][d] - bestPoint[d]);
                        values[i] = f(simplex[i]);
                    }
                }
            }
        }
        var bestIndex = Array.IndexOf(values, values.Min());
        return (simplex[bestIndex], values[bestIndex], false);
    }

    /// <summary>target = centroid + coefficient * (vertex - centroid).</summary>
    private static void Move(double[] centroid, double[] vertex, double coefficient, double[] target)
    {
        for (var d = 0; d < centroid.Length; d++) target[d] = centroid[d] + coefficient * (vertex[d] - centroid[d]);
    }

    private static void Replace(double[][] simplex, double[] values, int index, double[] point, double value)
    {
        Array.Copy(point, simplex[index], point.Length);
        values[index] = value;
    }

    private static bool Converged(double[][] simplex, double[] values, int best, double fTol, double xTol)
    {
        double spreadF = 0, spreadX = 0;
        for (var i = 0; i < simplex.Length; i++)
        {
            spreadF = Math.Max(spreadF, Math.Abs(values[i] - values[best]));
            for (var d = 0; d < simplex[i].Length; d++) spreadX = Math.Max(spreadX, Math.Abs(simplex[i][d] - simplex[best][d]));
        }
        return double.IsFinite(values[best]) && spreadF <= fTol * (1 + Math.Abs(values[best])) && spreadX <= xTol;
    }
}
