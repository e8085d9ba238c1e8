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
