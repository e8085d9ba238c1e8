using CustomerValue.Domain;
using CustomerValue.Ingestion;
using static CustomerValue.Tests.Ingestion.IngestionTestSupport;

namespace CustomerValue.Tests.Ingestion;

/// <summary>The accepted path of each non-survey kind: every field lands where it belongs.</summary>
public class UploadKindTests
{
    [Fact]
    public void Customers_with_acquisition_demographics_place_and_extra_attributes()
    {
        const string csv = "Customer ID;Signup Date;Plan;Acquisition Channel;Acquisition Cost;Birth Year;Occupation;Country;Region;City;Loyalty Tier\n" +
                           "K-1;31/01/2024;Pro;Google Ads;€ 1.234,50;1985;Nurse;NL;Utrecht;Utrecht;gold\n" +
                           "K-2;01/02/2024;Basic;Referral;0,00;;;NL;;;\n";
        using var reading = Open(csv);
        Assert.Equal(UploadKind.Customers, reading.Kind);
        var rows = AllAccepted(reading.Customers());
        Assert.Equal(new CustomerRecord("K-1", new DateOnly(2024, 1, 31), "Pro", "Google Ads", 1234.50m, null, 1985, "Nurse", "NL", "Utrecht", "Utrecht"),
            rows[0] with { Attributes = null });
        Assert.Equal("gold", rows[0].Attributes!["Loyalty Tier"]);
        Assert.Equal((new DateOnly(2024, 2, 1), 0m), (rows[1].SignupDate!.Value, rows[1].AcquisitionCost!.Value));
    }

    [Fact]
    public void Costs_per_segment_channel_campaign_with_date_or_period()
    {
        const string csv = "period,date,segment,channel,campaign,category,amount,currency\n" +
                           "2024-03,,smb,search,spring,Marketing,\"1,500.00\",USD\n" +
                           ",2024-03-05,,,,Support,120.5,USD\n" +
                           "2024-Q1,,,,,Acquisition,900,EUR\n";
        using var reading = Open(csv, "uploads/costs/march.csv");
        var rows = AllAccepted(reading.Costs());
        Assert.Equal(new CostRecord(CostCategory.Marketing, 1500.00m, null, "smb", "search", "spring", null, "2024-03", "USD"), rows[0]);
        Assert.Equal((CostCategory.Support, new DateOnly(2024, 3, 5)), (rows[1].Category, rows[1].Date!.Value));
        Assert.Equal(("2024-Q1", "EUR"), (rows[2].Period, rows[2].Currency));
    }

    [Fact]
    public void Subscriptions_with_dates_cancellation_and_billing_period()
    {
        const string csv = "customer_id,plan,start_date,cancel_date,mrr,billing_period\n" +
                           "c1,pro,2023-01-15,,49.00,monthly\n" +
                           "c2,team,2023-02-01,2024-02-01,490,annual\n";
        using var reading = Open(csv);
        Assert.Equal(UploadKind.Subscriptions, reading.Kind);
        var rows = AllAccepted(reading.Subscriptions());
        Assert.Equal((BillingPeriod.Monthly, (bool?)null, 49.00m), (rows[0].BillingPeriod, rows[0].Churned, rows[0].RecurringValue!.Value));
        Assert.Equal((BillingPeriod.Yearly, true, new DateOnly(2024, 2, 1)), (rows[1].BillingPeriod, rows[1].Churned!.Value, rows[1].CancelledOn!.Value));
    }

    [Fact]
    public void Tickets_reject_closing_before_opening_and_keep_the_rest()
    {
        const string csv = "case_id,customer_id,created_at,resolved_at,channel,cost\n" +
                           "1,c1,2024-01-05T09:00:00Z,2024-01-05T11:00:00Z,phone,12.40\n" +
                           "2,c2,2024-01-06T09:00:00Z,2024-01-06T08:00:00Z,chat,3\n";
        using var reading = Open(csv, "uploads/tickets/jan.csv");
        var rows = reading.Tickets().ToList();
        Assert.Equal((new DateTime(2024, 1, 5, 9, 0, 0), 12.40m, "phone"), (rows[0].Value!.OpenedAt, rows[0].Value!.Cost!.Value, rows[0].Value!.Channel));
        Assert.Equal((3L, "resolved_at"), (rows[1].Line, rows[1].Rejection!.Column));
    }

    [Fact]
    public void Records_wrap_every_kind_and_typed_reads_check_the_kind()
    {
        using var reading = Open("customer_id,date,amount\nc1,2024-01-05,1\n");
        var record = Assert.Single(reading.Records()).Value!;
        Assert.Equal(UploadKind.Transactions, record.Kind);
        Assert.Equal("c1", record.Transaction!.Value.CustomerId);
        Assert.Throws<InvalidOperationException>(() => reading.Customers().ToList());
    }
}
