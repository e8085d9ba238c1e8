namespace CustomerValue.Models;

/// <summary>
/// The Gauss hypergeometric function 2F1(a, b; c; z) for 0 &lt;= z &lt; 1 by its power series, summed with rescaling
/// so that large a or b (customers with hundreds of purchases) do not overflow. Returned as log|F| and its sign.
/// </summary>
public static class Hypergeometric
{
    private const int MaxTerms = 2_000_000;
    private const double RescaleAbove = 1e280;
    private static readonly double LogRescale = Math.Log(RescaleAbove);

    public static (double LogAbs, int Sign) Log2F1(double a, double b, double c, double z)
    {
        if (TryLog2F1(a, b, c, z, MaxTerms, out var logAbs, out var sign)) return (logAbs, sign);
        throw new ArithmeticException($"2F1({a}, {b}; {c}; {z}) did not converge in {MaxTerms} terms.");
    }

    /// <summary>
    /// The series summed for at most <paramref name="maxTerms"/> terms: false when it has not converged by then (z close
    /// to 1 needs of the order of 1/(1 - z) terms), so a caller with another way to the answer can take it.
    /// </summary>
    public static bool TryLog2F1(double a, double b, double c, double z, int maxTerms, out double logAbs, out int sign)
    {
        if (z is < 0 or >= 1 || double.IsNaN(z))
            throw new ArgumentOutOfRangeException(nameof(z), z, "the series form of 2F1 needs 0 <= z < 1.");
        (logAbs, sign) = (0, 1);
        if (z == 0) return true;
        double sum = 1, term = 1, logScale = 0;
        for (var n = 0; n < maxTerms; n++)
        {
            var denominator = (c + n) * (n + 1);
            if (denominator == 0) throw new ArithmeticException($"2F1 is undefined for c = {c} (a non-positive integer).");
            var ratio = (a + n) * (b + n) / denominator * z;
            term *= ratio;
            sum += term;
            if (Math.Abs(sum) > RescaleAbove)
            {
                sum /= RescaleAbove;
                term /= RescaleAbove;
                logScale += LogRescale;
            }
            // Past the peak of the terms (ratio below one) the tail is bounded by term * ratio / (1 - ratio).
            var absRatio = Math.Abs(ratio);
            if (term == 0 || (absRatio < 1 && Math.Abs(term) * absRatio / (1 - absRatio) <= 1e-16 * Math.Abs(sum)))
            {
                (logAbs, sign) = (Math.Log(Math.Abs(sum)) + logScale, Math.Sign(sum));
                return true;
            }
        }
        return false;
    }

    /// <summary>2F1 as a plain number (may overflow to infinity for extreme arguments: use <see cref="Log2F1"/> there).</summary>
    public static double Value2F1(double a, double b, double c, double z)
    {
        var (log, sign) = Log2F1(a, b, c, z);
        return sign * Math.Exp(log);
    }
}
