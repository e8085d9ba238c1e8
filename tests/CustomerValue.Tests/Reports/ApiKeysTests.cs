using System.Net;
using CustomerValue.LocalEngine.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;

namespace CustomerValue.Tests.Reports;

public sealed class ApiKeysTests
{
    private static ApiKeys Keys(IDictionary<string, string?> settings) => new(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());

    private static DefaultHttpContext Request(string ip, string? header = null, string? code = null)
    {
        var context = new DefaultHttpContext();
        context.Connection.RemoteIpAddress = IPAddress.Parse(ip);
        if (header is not null) context.Request.Headers["x-functions-key"] = header;
        if (code is not null) context.Request.QueryString = new QueryString($"?code={Uri.EscapeDataString(code)}");
        return context;
    }

    [Fact]
    public void Without_configured_keys_only_loopback_callers_are_let_in()
    {
        var open = Keys(new Dictionary<string, string?>());

        Assert.Equal(ApiAccess.Admin, open.AccessOf(Request("127.0.0.1")));
        Assert.Equal(ApiAccess.Admin, open.AccessOf(Request("::1")));
        Assert.Equal(ApiAccess.None, open.AccessOf(Request("10.1.2.3")));
    }

    [Fact]
    public void With_keys_configured_loopback_needs_a_key_too_and_header_or_code_grant_their_level()
    {
        var keys = Keys(ApiTestKeys.Settings());

        Assert.Equal(ApiAccess.None, keys.AccessOf(Request("127.0.0.1")));
        Assert.Equal(ApiAccess.Read, keys.AccessOf(Request("10.1.2.3", header: ApiTestKeys.Read)));
        Assert.Equal(ApiAccess.Admin, keys.AccessOf(Request("10.1.2.3", code: ApiTestKeys.Admin)));
        Assert.Equal(ApiAccess.None, keys.AccessOf(Request("10.1.2.3", header: ApiTestKeys.Read.ToUpperInvariant())));
    }

    [Fact]
    public void A_key_in_clear_in_the_settings_is_refused_with_a_hint()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Keys(new Dictionary<string, string?> { ["Api:AdminKeys"] = "my-secret" }));

        Assert.Contains("Api:AdminKeys", error.Message);
        Assert.Contains("roi keys hash", error.Message);
    }
}
