using CustomerValue.Segments;

namespace CustomerValue.Tests.Segments;

public class LifecycleCalculatorTests
{
    private static readonly DateOnly From = new(2024, 1, 1), To = new(2024, 4, 1);

    private static List<CustomerView> Customers() =>
    [
        new() { CustomerId = "n1", SignupDate = new(2024, 2, 1), AcquisitionCost = 100m },
        new() { CustomerId = "n2", FirstPurchase = new(2024, 3, 15), AcquisitionCost = 50m },
        new() { CustomerId = "n3", NewInPeriod = true, SignupDate = new(2023, 1, 1) },         // the flag wins over the date
        new() { CustomerId = "e1", SignupDate = new(2023, 5, 1), Churned = false, PeriodRevenue = 150m, PreviousPeriodRevenue = 100m },
        new() { CustomerId = "e2", SignupDate = new(2023, 6, 1), Churned = true, PeriodRevenue = 0m, PreviousPeriodRevenue = 80m },
        new() { CustomerId = "e3", FirstPurchase = new(2023, 7, 1), LastPurchase = new(2024, 2, 10), PeriodRevenue = 100m, PreviousPeriodRevenue = 100m },
        new() { CustomerId = "e4", SignupDate = new(2023, 1, 1), LastPurchase = new(2023, 12, 1) },
        new() { CustomerId = "w1", SignupDate = new(2022, 1, 1), ReactivatedAfterChurn = true },
        new() { CustomerId = "later", SignupDate = new(2024, 4, 1) },                             // after the period
        new() { CustomerId = "undated" },
    ];

    [Fact]
    public void New_retained_expanded_and_won_back_customers_of_a_period()
    {
        var view = LifecycleCalculator.Calculate(Customers(), From, To);

        Assert.Equal(3, view.NewCustomers);
        Assert.Equal(150m, view.AcquisitionSpend);            // n1 + n2; n3's cost is unknown
        Assert.Equal(50m, view.Cac);
        Assert.Equal(4, view.ExistingAtStart);                // e1..e4
        Assert.Equal(2, view.Retained);                       // e1 not churned, e3 bought in the period
        Assert.Equal(0.5, view.RetentionRate);
        Assert.Equal(1, view.Expanded);
        Assert.Equal(50m, view.ExpansionRevenue);
        Assert.Equal(1, view.Contracted);
        Assert.Equal(250.0 / 280.0, view.NetRevenueRetention!.Value, 12);
        Assert.Equal(1, view.Reactivated);
    }

    [Fact]
    public void A_given_acquisition_spend_is_spread_over_the_new_customers()
    {
        var view = LifecycleCalculator.Calculate(Customers(), From, To, acquisitionSpend: 900m);
        Assert.Equal(300m, view.Cac);
    }

    [Fact]
    public void An_empty_period_is_rejected()
    {
        Assert.Throws<ArgumentException>(() => LifecycleCalculator.Calculate([], From, From));
    }
}
