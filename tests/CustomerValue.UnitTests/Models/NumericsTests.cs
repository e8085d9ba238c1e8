using CustomerValue.Models;

namespace CustomerValue.Tests.Models;

public class NumericsTests
{
    [Theory]
    [InlineData(0.1)]
    [InlineData(0.5)]
    [InlineData(0.95)]
    public void Hypergeometric_matches_closed_forms(double z)
    {
        // 2F1(1, 1; 2; z) = -ln(1 - z) / z and 2F1(a, b; b; z) = (1 - z)^-a.
        Assert.Equal(-Math.Log(1 - z) / z, Hypergeometric.Value2F1(1, 1, 2, z), 12);
        Assert.Equal(Math.Pow(1 - z, -2.5), Hypergeometric.Value2F1(2.5, 3.7, 3.7, z), 9);
    }

    [Fact]
    public void Hypergeometric_in_log_space_survives_arguments_that_overflow_a_double()
    {
        // 2F1(a, b; b; z) = (1 - z)^-a: with a = 400 and z = 0.9 the value is 10^400, beyond a double.
        var (log, sign) = Hypergeometric.Log2F1(400, 3, 3, 0.9);
        Assert.Equal(1, sign);
        Assert.Equal(400 * Math.Log(10), log, 6);
    }

    [Fact]
    public void Log_add_and_subtract_exp_do_not_overflow()
    {
        Assert.Equal(1000 + Math.Log(2), LogMath.LogAddExp(1000, 1000), 12);
        Assert.Equal(Math.Log(Math.E * Math.E - Math.E), LogMath.LogSubExp(2, 1), 12);
        Assert.Equal(0.0, LogMath.InverseOnePlusExp(800), 12);
        Assert.Equal(1.0, LogMath.InverseOnePlusExp(-800), 12);
    }

    [Fact]
    public void Nelder_mead_finds_the_minimum_of_the_rosenbrock_valley()
    {
        var result = NelderMead.Minimize(p => 100 * Math.Pow(p[1] - p[0] * p[0], 2) + Math.Pow(1 - p[0], 2), [-1.2, 1.0]);
        Assert.True(result.Converged);
        Assert.Equal(1.0, result.Point[0], 4);
        Assert.Equal(1.0, result.Point[1], 4);
    }

    [Fact]
    public void Nelder_mead_treats_nan_as_outside_the_domain()
    {
        var result = NelderMead.Minimize(p => p[0] < 0 ? double.NaN : Math.Pow(p[0] - 2, 2), [1.0]);
        Assert.Equal(2.0, result.Point[0], 4);
    }
}
