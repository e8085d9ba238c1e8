namespace CustomerValue.Models;

/// <summary>Arithmetic on logarithms, so that likelihood terms of customers with many purchases do not overflow.</summary>
public static class LogMath
{
    /// <summary>log(exp(a) + exp(b)) without overflow; either side may be -infinity.</summary>
    public static double LogAddExp(double a, double b)
    {
        if (double.IsNegativeInfinity(a)) return b;
        if (double.IsNegativeInfinity(b)) return a;
        var max = Math.Max(a, b);
        return max + Math.Log(1 + Math.Exp(-Math.Abs(a - b)));
    }

    /// <summary>log(exp(a) - exp(b)) for a &gt;= b; -infinity when they are equal.</summary>
    public static double LogSubExp(double a, double b)
    {
        if (double.IsNegativeInfinity(b)) return a;
        if (b > a) throw new ArgumentException($"log-difference of a smaller number ({a}) and a larger one ({b}).");
        var d = b - a;
        return d == 0 ? double.NegativeInfinity : a + Math.Log(-ExpM1(d));
    }

    /// <summary>1 / (1 + exp(logOdds)) computed without overflow for any sign of the argument.</summary>
    public static double InverseOnePlusExp(double logTerm) =>
        logTerm > 0 ? Math.Exp(-logTerm) / (1 + Math.Exp(-logTerm)) : 1 / (1 + Math.Exp(logTerm));

    /// <summary>exp(x) - 1, accurate for small x (where the plain difference loses digits).</summary>
    public static double ExpM1(double x)
    {
        if (Math.Abs(x) > 1e-5) return Math.Exp(x) - 1;
        return x + x * x / 2 + x * x * x / 6;
    }
}
