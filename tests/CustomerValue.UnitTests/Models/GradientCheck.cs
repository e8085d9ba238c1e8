namespace CustomerValue.Tests.Models;

internal static class GradientCheck
{
    /// <summary>Asserts that the analytic gradient <paramref name="logLikelihood"/> fills matches central differences at <paramref name="at"/>.</summary>
    public static void MatchesCentralDifferences(Func<double[], double[]?, double> logLikelihood, double[] at)
    {
        var gradient = new double[at.Length];
        logLikelihood(at, gradient);
        for (var i = 0; i < at.Length; i++)
        {
            var h = 1e-6 * at[i];
            double[] up = [.. at], down = [.. at];
            up[i] += h;
            down[i] -= h;
            var numeric = (logLikelihood(up, null) - logLikelihood(down, null)) / (2 * h);
            Assert.True(Math.Abs(numeric - gradient[i]) <= 1e-4 * Math.Max(1, Math.Abs(numeric)), $"parameter {i}: analytic {gradient[i]}, numeric {numeric}");
        }
    }
}
