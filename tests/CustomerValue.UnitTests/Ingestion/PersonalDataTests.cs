using CustomerValue.Ingestion;
using CustomerValue.Reports;
using static CustomerValue.Tests.Ingestion.IngestionTestSupport;

namespace CustomerValue.Tests.Ingestion;

/// <summary>Names, e-mails, phones and addresses get roles when read, and are masked wherever they are shown to a read key.</summary>
public class PersonalDataTests
{
    private const string Customers =
        "customer_id,first_name,last_name,email,phone,street,postcode,city,country,tier\n" +
        "c1,Jane,Doe,jane@example.com,+41 44 123 45 67,Bahnhofstrasse 1,8001,Zürich,CH,pro\n";

    [Fact]
    public void Personal_columns_get_roles_and_city_and_country_stay_segments()
    {
        using var reading = Open(Customers, kind: UploadKind.Customers);
        var roles = reading.Columns.ToDictionary(c => c.Name, c => c.Role);
        Assert.Equal(ColumnRole.Name, roles["first_name"]);
        Assert.Equal(ColumnRole.Name, roles["last_name"]);
        Assert.Equal(ColumnRole.Email, roles["email"]);
        Assert.Equal(ColumnRole.Phone, roles["phone"]);
        Assert.Equal(ColumnRole.Address, roles["street"]);
        Assert.Equal(ColumnRole.Address, roles["postcode"]);
        Assert.Equal(ColumnRole.City, roles["city"]);
        Assert.Equal(ColumnRole.Country, roles["country"]);
        Assert.DoesNotContain(reading.Notes, n => n.Contains("also looks like"));
    }

    [Fact]
    public void A_customer_keeps_its_name_and_personal_attributes_for_the_owner()
    {
        using var reading = Open(Customers, kind: UploadKind.Customers);
        var customer = AllAccepted(reading.Customers()).Single();
        Assert.Equal("Jane Doe", customer.Name);
        Assert.Equal("jane@example.com", customer.Email);
        Assert.Equal("+41 44 123 45 67", customer.Attributes!["phone"]);
        Assert.Equal("Bahnhofstrasse 1", customer.Attributes!["street"]);
        Assert.False(customer.Attributes!.ContainsKey("first_name"), "the name is the customer's name, not also an attribute");
    }

    [Fact]
    public void A_report_for_a_read_key_masks_name_email_phone_and_address_but_not_segments()
    {
        var report = new CustomerReport
        {
            CustomerId = "c1", Name = "Jane Doe", Email = "jane@example.com", Orders = 1, Revenue = 10m,
            Attributes = new Dictionary<string, string> { ["Phone Number"] = "+41 44 123 45 67", ["street"] = "Bahnhofstrasse 1", ["zip"] = "8001", ["tier"] = "pro", ["City"] = "Zürich" },
        };
        var masked = PersonalData.Masked(report);
        Assert.Equal("J. D.", masked.Name);
        Assert.Equal("j***@e***.com", masked.Email);
        Assert.Equal("***67", masked.Attributes["Phone Number"]);
        Assert.Equal("***", masked.Attributes["street"]);
        Assert.Equal("***", masked.Attributes["zip"]);
        Assert.Equal("pro", masked.Attributes["tier"]);
        Assert.Equal("Zürich", masked.Attributes["City"]);
        Assert.Equal("+41 44 123 45 67", report.Attributes["Phone Number"]);
    }

    [Fact]
    public void A_rejected_personal_value_is_masked_in_the_rejection()
    {
        var good = string.Concat(Enumerable.Range(3, 20).Select(i => $"c{i},person{i}@example.com,+41 44 000 00 {i:00}\n"));
        using var reading = Open("customer_id,email,phone\nc1,jane@example.com,+41 44 123 45 67\0\nc2,bo\0b@example.com,1\n" + good, kind: UploadKind.Customers);
        var rejections = reading.Customers().Where(r => !r.IsAccepted).Select(r => r.Rejection!).ToList();
        Assert.Equal(("phone", "***67"), (rejections[0].Column, rejections[0].RawValue));
        Assert.Equal("email", rejections[1].Column);
        Assert.StartsWith("b***@", rejections[1].RawValue);
    }

    [Fact]
    public void Survey_headers_that_are_questions_are_not_taken_for_addresses()
    {
        using var reading = Open("response_id,nps,Which street do you live on?,phone\nr1,9,Main,+1 555 0100\n", kind: UploadKind.Surveys);
        var roles = reading.Columns.ToDictionary(c => c.Name, c => c.Role);
        Assert.NotEqual(ColumnRole.Address, roles["Which street do you live on?"]);
        Assert.Equal(ColumnRole.Phone, roles["phone"]);
    }
}
