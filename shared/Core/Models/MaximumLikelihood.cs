using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Optimization;

namespace CustomerValue.Models;

/// <summary>
/// Maximises a log-likelihood over positive parameters by minimising its negative over log-parameters, so the
/// optimiser never leaves the domain and parameters of different scales move alike.
/// </summary>
internal static class MaximumLikelihood
{
    public static (double[] Parameters, double LogLikelihood, int Evaluations, bool Converged) Maximize(
        Func<double[], double> logLikelihood, double[] start, FitOptions options)
    {
        var logStart = start.Select(v => Math.Log(v)).ToArray();
        var positive = new double[start.Length];
        var result = NelderMead.Minimize(
            logParameters =>
            {
                for (var i = 0; i < positive.Length; i++) positive[i] = Math.Exp(logParameters[i]);
                return -logLikelihood(positive);
            },
            logStart, initialStep: 0.5, valueTolerance: options.Tolerance, pointTolerance: 1e-7, maxEvaluations: options.MaxEvaluations);
        return (result.Point.Select(v => Math.Exp(v)).ToArray(), -result.Value, result.Evaluations, result.Converged);
    }

    /// <summary>
    /// Quasi-Newton (MathNet's BFGS) on the mean negative log-likelihood per customer over log-parameters, using the
    /// analytic gradient: a few dozen evaluations instead of the hundreds Nelder-Mead needs, which is what keeps a
    /// million customers fast. <paramref name="logLikelihood"/> returns the total log-likelihood and, when its second
    /// argument is not null, fills it with the gradient with respect to the (positive) parameters. Falls back to
    /// Nelder-Mead from the starting point when the line search fails.
    /// </summary>
    public static (double[] Parameters, double LogLikelihood, int Evaluations, bool Converged) MaximizeWithGradient(
        Func<double[], double[]?, double> logLikelihood, double[] start, double customers, FitOptions options)
    {
        var evaluations = 0;
        var positive = new double[start.Length];
        var gradient = new double[start.Length];
        var objective = ObjectiveFunction.Gradient(logParameters =>
        {
            evaluations++;
            for (var i = 0; i < positive.Length; i++) positive[i] = Math.Exp(logParameters[i]);
            var value = -logLikelihood(positive, gradient) / customers;
            var logGradient = Vector<double>.Build.Dense(positive.Length, i => -gradient[i] * positive[i] / customers);
            if (!double.IsFinite(value) || logGradient.Any(g => !double.IsFinite(g)))
                return (double.MaxValue, Vector<double>.Build.Dense(positive.Length));
            return (value, logGradient);
        });
        try
        {
            var minimizer = new BfgsMinimizer(gradientTolerance: 1e-10, parameterTolerance: 1e-12, functionProgressTolerance: 1e-15,
                maximumIterations: Math.Max(10, options.MaxEvaluations / 10));
            var result = minimizer.FindMinimum(objective, Vector<double>.Build.DenseOfEnumerable(start.Select(v => Math.Log(v))));
            var point = result.MinimizingPoint.Select(v => Math.Exp(v)).ToArray();
            var ll = -result.FunctionInfoAtMinimum.Value * customers;
            if (double.IsFinite(ll)) return (point, ll, evaluations, true);
        }
        catch (OptimizationException)
        {
            // The line search could not make progress (flat or ill-scaled surface): the simplex method below does not need gradients.
        }
        var fallback = Maximize(p => logLikelihood(p, null), start, options);
        return (fallback.Parameters, fallback.LogLikelihood, evaluations + fallback.Evaluations, fallback.Converged);
    }

    public static List<string> ConvergenceWarnings(bool converged, int evaluations, double[] parameters)
    {
        var warnings = new List<string>();
        if (!converged)
            warnings.Add($"the fit did not converge within {evaluations} likelihood evaluations: treat the parameters as unreliable.");
        if (parameters.Any(p => p < 1e-6 || p > 1e6))
            warnings.Add("a parameter ran to the edge of its range (below 1e-6 or above 1e6): the data may not identify the model.");
        return warnings;
    }
}
