using System.Net;
using System.Security.Cryptography;
using System.Text;

namespace CustomerValue.LocalEngine.Hosting;

public enum ApiAccess { None, Read, Admin }

/// <summary>
/// Function keys the way Azure Functions clients send them: the x-functions-key header or the code query
/// parameter. Settings hold SHA-256 hex digests only (Api:ReadKeys, Api:AdminKeys, comma separated), so a leaked
/// settings file does not leak a key. An admin key may do everything a read key may.
/// With no key configured at all the API is open, to callers on loopback only: the local default.
/// </summary>
public sealed class ApiKeys
{
    public const string ReadKeysSetting = "Api:ReadKeys", AdminKeysSetting = "Api:AdminKeys";
    public const string HeaderName = "x-functions-key", QueryName = "code";
    private readonly byte[][] readHashes, adminHashes;

    public ApiKeys(IConfiguration configuration)
    {
        readHashes = Parse(configuration[ReadKeysSetting], ReadKeysSetting);
        adminHashes = Parse(configuration[AdminKeysSetting], AdminKeysSetting);
    }

    public bool AnyConfigured => readHashes.Length + adminHashes.Length > 0;

    /// <summary>The SHA-256 hex digest to put in the settings for a key.</summary>
    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    public ApiAccess AccessOf(HttpContext context)
    {
        if (!AnyConfigured) return context.Connection.RemoteIpAddress is { } ip && IPAddress.IsLoopback(ip) ? ApiAccess.Admin : ApiAccess.None;
        var presented = context.Request.Headers[HeaderName].FirstOrDefault() ?? context.Request.Query[QueryName].FirstOrDefault();
        if (string.IsNullOrEmpty(presented)) return ApiAccess.None;
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes(presented));
        // Every stored digest is compared, in constant time, so timing tells nothing about which one (if any) matched.
        bool admin = false, read = false;
        foreach (var h in adminHashes) admin |= CryptographicOperations.FixedTimeEquals(digest, h);
        foreach (var h in readHashes) read |= CryptographicOperations.FixedTimeEquals(digest, h);
        return admin ? ApiAccess.Admin : read ? ApiAccess.Read : ApiAccess.None;
    }

    private static byte[][] Parse(string? setting, string name) =>
        (setting ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(hex => hex.Length == 64 && hex.All(char.IsAsciiHexDigit)
                ? Convert.FromHexString(hex)
                : throw new InvalidOperationException($"The setting '{name}' must hold SHA-256 hex digests (64 hex digits each, comma separated); hash a key with `roi keys hash KEY`."))
            .ToArray();
}

/// <summary>401 without a valid key, 403 for a read key on an admin endpoint.</summary>
public sealed class ApiKeyFilter(ApiAccess required) : IEndpointFilter
{
    public const string AccessItem = "api-access";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var access = http.RequestServices.GetRequiredService<ApiKeys>().AccessOf(http);
        if (access == ApiAccess.None)
            return Results.Json(new { error = $"A valid key is required: the '{ApiKeys.HeaderName}' header or the '{ApiKeys.QueryName}' query parameter." }, statusCode: 401);
        if (access < required) return Results.Json(new { error = "This endpoint needs an admin key." }, statusCode: 403);
        http.Items[AccessItem] = access;
        return await next(context);
    }
}

public static class ApiKeyEndpointExtensions
{
    public static TBuilder RequireApiKey<TBuilder>(this TBuilder builder, ApiAccess access) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new Reports.ApiKeyFilterMarker(access)).AddEndpointFilter(new ApiKeyFilter(access));

    public static ApiAccess ApiAccess(this HttpContext context) => context.Items[ApiKeyFilter.AccessItem] as ApiAccess? ?? Hosting.ApiAccess.None;
}
