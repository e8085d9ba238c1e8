namespace CustomerValue.Ingestion;

/// <summary>Header names (normalized with <see cref="HeaderNames.Key"/>) that name each role, per kind of upload.</summary>
internal static class RoleCatalog
{
    /// <summary>
    /// Who a person is and how to reach them. City, region and country are not here: they are segments, shared by many.
    /// </summary>
    private static readonly (ColumnRole Role, string[] Keys)[] Personal =
    [
        (ColumnRole.Email, ["email", "emailaddress", "mail"]),
        (ColumnRole.Name, ["name", "fullname", "customername", "clientname", "contactname", "firstname", "lastname", "surname", "givenname", "familyname"]),
        (ColumnRole.Phone, ["phone", "phonenumber", "phoneno", "telephone", "tel", "mobile", "mobilephone", "mobilenumber", "cell", "cellphone", "fax"]),
        (ColumnRole.Address, ["address", "streetaddress", "street", "address1", "address2", "addressline1", "addressline2", "postcode", "postalcode", "zip", "zipcode", "housenumber"]),
    ];

    private static readonly (ColumnRole Role, string[] Keys)[] Common =
    [
        (ColumnRole.CustomerId, ["customerid", "custid", "customer", "clientid", "client", "userid", "accountid", "customerno", "customernumber", "memberid", "customerkey"]),
        .. Personal,
    ];

    /// <summary>Roles whose values say who a person is: masked for read keys and in the rejected-rows file.</summary>
    public static bool IsPersonal(ColumnRole role) => role is ColumnRole.Email or ColumnRole.Name or ColumnRole.Phone or ColumnRole.Address;

    /// <summary>
    /// The personal role a header names (whatever the kind), or null: how a stored attribute is known to be personal.
    /// <paramref name="exactly"/> takes only a whole-name match (survey headers are often question text).
    /// </summary>
    public static ColumnRole? PersonalRoleOf(string header, bool exactly = false) =>
        Best(HeaderNames.Key(header), Personal) is { } match && (!exactly || match.Confidence >= 1.0) ? match.Role : null;

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
        var table = ByKind.TryGetValue(kind, out var specific) ? specific.Concat(Common) : Common;
        var best = Best(key, table);
        if (best is null && key == "id") best = (ColumnRole.CustomerId, 0.75);
        return best;
    }

    private static (ColumnRole Role, double Confidence)? Best(string key, IEnumerable<(ColumnRole Role, string[] Keys)> table)
    {
        if (key.Length == 0) return null;
        (ColumnRole, double)? best = null;
        foreach (var (role, keys) in table)
        {
            foreach (var k in keys)
            {
                if (key == k) return (role, 1.0);
                if (best is null && k.Length >= 4 && key.Contains(k, StringComparison.Ordinal)) best = (role, 0.8);
            }
        }
        return best;
    }
}
