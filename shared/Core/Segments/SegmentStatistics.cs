namespace CustomerValue.Segments;

/// <summary>
/// Correlation moments, updated one pair at a time (Welford's co-moment update, stable for large n), and the
/// significance test of a correlation. Kept small and internal to the segment analysis.
/// </summary>
internal struct PairMoments
{
    private double meanX, meanY, m2X, m2Y, coMoment;

    public int Count { get; private set; }

    public void Add(double x, double y)
    {
        Count++;
        var dx = x - meanX;
        meanX += dx / Count;
        var dy = y - meanY;
        meanY += dy / Count;
        m2X += dx * (x - meanX);
        m2Y += dy * (y - meanY);
        coMoment += dx * (y - meanY);
    }

    /// <summary>Pearson's r; null with fewer than two pairs or when either side does not vary.</summary>
    public readonly double? Correlation => Count < 2 || m2X <= 0 || m2Y <= 0 ? null : Math.Clamp(coMoment / Math.Sqrt(m2X * m2Y), -1, 1);
}

/// <summary>Mean and sum of squared deviations of one variable, updated one value at a time.</summary>
internal struct RunningMoments
{
    private double mean, m2;

    public int Count { get; private set; }
    public readonly double Mean => mean;
    /// <summary>Population standard deviation (divides by n).</summary>
    public readonly double PopulationStdDev => Count == 0 ? 0 : Math.Sqrt(m2 / Count);

    public void Add(double value)
    {
        Count++;
        var d = value - mean;
        mean += d / Count;
        m2 += d * (value - mean);
    }
}

internal static class SegmentStatistics
{
    /// <summary>
    /// Point-biserial correlation of a 0/1 variable with y, from the group sizes and means of y and y's population
    /// standard deviation: r = (M1 - M0) / s * sqrt(p (1 - p)). Equal to Pearson's r with x coded 0/1.
    /// </summary>
    public static double? PointBiserial(int n1, double meanY1, int n0, double meanY0, double populationStdDevY)
    {
        var n = n1 + n0;
        if (n1 == 0 || n0 == 0 || populationStdDevY <= 0) return null;
        var p = (double)n1 / n;
        return Math.Clamp((meanY1 - meanY0) / populationStdDevY * Math.Sqrt(p * (1 - p)), -1, 1);
    }

    /// <summary>Two-sided p-value of H0: rho = 0, by t = r sqrt((n-2)/(1-r^2)) with n-2 degrees of freedom; null when n &lt; 3.</summary>
    public static double? CorrelationPValue(double r, int n)
    {
        if (n < 3) return null;
        var df = n - 2.0;
        if (Math.Abs(r) >= 1) return 0;
        var t = r * Math.Sqrt(df / (1 - r * r));
        return StudentTTwoSided(t, df);
    }

    /// <summary>P(|T| >= |t|) for Student's t with <paramref name="df"/> degrees of freedom.</summary>
    public static double StudentTTwoSided(double t, double df) =>
        RegularizedIncompleteBeta(df / (df + t * t), df / 2, 0.5);

    /// <summary>I_x(a, b) by its continued fraction (modified Lentz), using the symmetry for faster convergence.</summary>
    public static double RegularizedIncompleteBeta(double x, double a, double b)
    {
        if (x <= 0) return 0;
        if (x >= 1) return 1;
        var front = Math.Exp(LogGamma(a + b) - LogGamma(a) - LogGamma(b) + a * Math.Log(x) + b * Math.Log(1 - x));
        return x < (a + 1) / (a + b + 2)
            ? front * BetaContinuedFraction(x, a, b) / a
            : 1 - front * BetaContinuedFraction(1 - x, b, a) / b;
    }

    /// <summary>ln Gamma(x) by the Lanczos approximation (g = 7, 9 terms; about 15 significant digits).</summary>
    public static double LogGamma(double x)
    {
        ReadOnlySpan<double> c =
        [
            0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
            12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
        ];
        if (x < 0.5) return Math.Log(Math.PI / Math.Abs(Math.Sin(Math.PI * x))) - LogGamma(1 - x);
        x -= 1;
        var sum = c[0];
        for (var i = 1; i < c.Length; i++) sum += c[i] / (x + i);
        var t = x + 7.5;
        return 0.5 * Math.Log(2 * Math.PI) + (x + 0.5) * Math.Log(t) - t + Math.Log(sum);
    }

    private static double BetaContinuedFraction(double x, double a, double b)
    {
        const int MaxIterations = 500;
        const double Epsilon = 1e-15, Tiny = 1e-300;
        double qab = a + b, qap = a + 1, qam = a - 1;
        var c = 1.0;
        var d = NotTiny(1 - qab * x / qap);
        d = 1 / d;
        var h = d;
        for (var m = 1; m <= MaxIterations; m++)
        {
            var m2 = 2 * m;
            var aa = m * (b - m) * x / ((qam + m2) * (a + m2));
            d = 1 / NotTiny(1 + aa * d);
            c = NotTiny(1 + aa / c);
            h *= d * c;
            aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
            d = 1 / NotTiny(1 + aa * d);
            c = NotTiny(1 + aa / c);
            var delta = d * c;
            h *= delta;
            if (Math.Abs(delta - 1) < Epsilon) break;
        }
        return h;

        static double NotTiny(double v) => Math.Abs(v) < Tiny ? Tiny : v;
    }
}
