namespace CustomerValue.Ingestion;

/// <summary>Header names (normalized with <see cref="HeaderNames.Key"/>) that name each role, per kind of upload.</summary>
internal static class RoleCatalog
{
    private static readonly (ColumnRole Role, string[] Keys)[] Common =
    [
        (ColumnRole.CustomerId, ["customerid", "custid", "customer", "clientid", "client", "userid", "accountid", "customerno", "customernumber", "memberid", "customerkey"]),
        (ColumnRole.Email, ["email", "emailaddress", "mail"]),
    ];

    private static readonly Dictionary<UploadKind, (ColumnRole Role, string[] Keys)[]> ByKind = new()
    {
        [UploadKind.Customers] =
        [
            (ColumnRole.SignupDate, ["signupdate", "signup", "signedup", "signedupat", "registrationdate", "registered", "joindate", "joined", "customersince", "createdat", "created"]),
            (ColumnRole.Plan, ["plan", "tier", "subscriptionplan", "package", "contract"]),
            (ColumnRole.Channel, ["acquisitionchannel", "channel", "source", "leadsource", "utmsource"]),
            (ColumnRole.AcquisitionCost, ["acquisitioncost", "cac", "costofacquisition", "acquisitionspend"]),
            (ColumnRole.Age, ["age"]),
            (ColumnRole.BirthYear, ["birthyear", "yearofbirth", "yob"]),
            (ColumnRole.Occupation, ["occupation", "job", "jobtitle", "profession"]),
            (ColumnRole.Country, ["country", "countrycode"]),
            (ColumnRole.Region, ["region", "state", "province", "county"]),
            (ColumnRole.City, ["city", "town"]),
        ],
        [UploadKind.Transactions] =
        [
            (ColumnRole.Date, ["date", "orderdate", "transactiondate", "purchasedate", "invoicedate", "timestamp", "createdat", "paymentdate"]),
            (ColumnRole.Amount, ["amount", "dollarvalue", "revenue", "value", "total", "totalamount", "netamount", "sales", "price", "linetotal"]),
            (ColumnRole.OrderId, ["orderid", "invoice", "invoiceno", "invoiceid", "transactionid", "ordernumber", "orderno"]),
            (ColumnRole.Quantity, ["quantity", "qty", "numberofcds", "units"]),
            (ColumnRole.Product, ["product", "productid", "productname", "sku", "item", "stockcode", "description"]),
            (ColumnRole.Category, ["category", "productcategory"]),
            (ColumnRole.TransactionType, ["type", "transactiontype", "status", "kind", "ordertype"]),
            (ColumnRole.Currency, ["currency", "currencycode"]),
        ],
        [UploadKind.Costs] =
        [
            (ColumnRole.Amount, ["amount", "cost", "spend", "value", "total"]),
            (ColumnRole.CostCategory, ["category", "costcategory", "costtype", "type"]),
            (ColumnRole.Segment, ["segment", "customersegment"]),
            (ColumnRole.Channel, ["channel", "acquisitionchannel", "source"]),
            (ColumnRole.Campaign, ["campaign", "campaignname", "campaignid"]),
            (ColumnRole.Date, ["date", "costdate", "spenddate", "day"]),
            (ColumnRole.Period, ["period", "month", "quarter", "year"]),
            (ColumnRole.Currency, ["currency", "currencycode"]),
        ],
        [UploadKind.Subscriptions] =
        [
            (ColumnRole.Plan, ["plan", "contract", "subscriptionplan", "tier", "product"]),
            (ColumnRole.StartDate, ["start", "startdate", "startedat", "contractstart", "subscriptionstart", "since"]),
            (ColumnRole.EndDate, ["end", "enddate", "endedat", "contractend", "subscriptionend", "expires", "expirydate"]),
            (ColumnRole.CancelDate, ["canceldate", "cancelledat", "canceledat", "cancellationdate", "churndate", "cancelledon"]),
            (ColumnRole.RecurringValue, ["recurringvalue", "mrr", "monthlycharges", "monthlyfee", "monthlyvalue", "recurringrevenue", "price", "amount", "fee"]),
            (ColumnRole.BillingPeriod, ["billingperiod", "billingcycle", "interval", "billingfrequency", "frequency"]),
            (ColumnRole.TenureMonths, ["tenure", "tenuremonths", "monthsactive"]),
            (ColumnRole.TotalValue, ["totalcharges", "totalvalue", "totalrevenue", "lifetimevalue"]),
            (ColumnRole.Churned, ["churn", "churned", "cancelled", "canceled", "ischurned"]),
        ],
        [UploadKind.Tickets] =
        [
            (ColumnRole.TicketId, ["ticketid", "caseid", "ticket", "ticketnumber", "casenumber"]),
            (ColumnRole.OpenedAt, ["opened", "openedat", "created", "createdat", "opendate", "datecreated", "reportedat"]),
            (ColumnRole.ClosedAt, ["closed", "closedat", "resolved", "resolvedat", "closedate", "dateclosed"]),
            (ColumnRole.Channel, ["channel", "source", "via"]),
            (ColumnRole.Cost, ["cost", "handlingcost", "costtoserve"]),
            (ColumnRole.HandlingMinutes, ["handlingtime", "handlingminutes", "handletime", "timespent", "minutes", "durationminutes"]),
            (ColumnRole.Rating, ["rating", "satisfaction", "csat", "score"]),
        ],
    };

    /// <summary>Roles a kind cannot do without; alternatives are grouped (any one of them will do).</summary>
    public static IReadOnlyList<ColumnRole[]> Required(UploadKind kind) => kind switch
    {
        UploadKind.Customers => [[ColumnRole.CustomerId]],
        UploadKind.Transactions => [[ColumnRole.CustomerId], [ColumnRole.Date], [ColumnRole.Amount]],
        UploadKind.Costs => [[ColumnRole.Amount], [ColumnRole.CostCategory], [ColumnRole.Date, ColumnRole.Period]],
        UploadKind.Subscriptions => [[ColumnRole.CustomerId], [ColumnRole.StartDate, ColumnRole.TenureMonths]],
        UploadKind.Tickets => [[ColumnRole.CustomerId], [ColumnRole.OpenedAt]],
        _ => [],
    };

    /// <summary>The role a header names for a kind, with 1.0 for an exact name and 0.8 for a name that contains it.</summary>
    public static (ColumnRole Role, double Confidence)? Match(UploadKind kind, string header)
    {
        var key = HeaderNames.Key(header);
        if (key.Length == 0) return null;
        var table = ByKind.TryGetValue(kind, out var specific) ? specific.Concat(Common) : Common;
        (ColumnRole, double)? best = null;
        foreach (var (role, keys) in table)
        {
            foreach (var k in keys)
            {
                if (key == k) return (role, 1.0);
                if (best is null && k.Length >= 4 && key.Contains(k, StringComparison.Ordinal)) best = (role, 0.8);
            }
        }
        if (best is null && key == "id") best = (ColumnRole.CustomerId, 0.75);
        return best;
    }
}
