using Azure.Identity;
using CustomerValue.Functions.Hosting;

namespace CustomerValue.Tests.Functions;

/// <summary>The deployment turns key-based ingestion off: the worker's exporter must sign in with the app's identity.</summary>
public sealed class TelemetryCredentialTests
{
    [Fact]
    public void The_authentication_string_the_deployment_sets_gives_the_managed_identity()
    {
        var bicep = File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "infra", "modules", "functionapp.bicep"));
        Assert.Contains("APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identityClientId};Authorization=AAD'", bicep);
        Assert.IsType<ManagedIdentityCredential>(FunctionsAppServices.AzureMonitorCredential("ClientId=00000000-0000-0000-0000-000000000001;Authorization=AAD"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("ClientId=00000000-0000-0000-0000-000000000001")]
    public void Without_Entra_ID_authorization_the_connection_string_alone_is_used(string? authentication) =>
        Assert.Null(FunctionsAppServices.AzureMonitorCredential(authentication));
}
