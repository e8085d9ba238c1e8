namespace CustomerValue.Models;

/// <summary>
/// Gauss-Legendre quadrature with 16 nodes: exact for polynomials up to degree 31, so a smooth integrand whose log
/// changes by a few units over the interval is integrated to double precision.
/// </summary>
internal static class GaussLegendre
{
    private const int Order = 16;
    private static readonly (double[] Nodes, double[] Weights) Rule = Build(Order);

    /// <summary>The integral of <paramref name="f"/> over [a, b].</summary>
    public static double Integrate(Func<double, double> f, double a, double b)
    {
        var (nodes, weights) = Rule;
        double half = (b - a) / 2, middle = (a + b) / 2, sum = 0;
        for (var i = 0; i < nodes.Length; i++) sum += weights[i] * f(middle + half * nodes[i]);
        return sum * half;
    }

    /// <summary>Nodes are the roots of the Legendre polynomial P_n, found by Newton's method from Chebyshev guesses.</summary>
    private static (double[] Nodes, double[] Weights) Build(int n)
    {
        var nodes = new double[n];
        var weights = new double[n];
        for (var i = 0; i < n; i++)
        {
            var x = Math.Cos(Math.PI * (i + 0.75) / (n + 0.5));
            double derivative = 0;
            for (var iteration = 0; iteration < 100; iteration++)
            {
                double p0 = 1, p1 = x;
                for (var k = 2; k <= n; k++) (p0, p1) = (p1, ((2 * k - 1) * x * p1 - (k - 1) * p0) / k);
                derivative = n * (x * p1 - p0) / (x * x - 1);
                var step = p1 / derivative;
                x -= step;
                if (Math.Abs(step) < 1e-16) break;
            }
            nodes[i] = x;
            weights[i] = 2 / ((1 - x * x) * derivative * derivative);
        }
        return (nodes, weights);
    }
}
