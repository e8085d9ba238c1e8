using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CustomerValue.LocalEngine.Ingestion;
using CustomerValue.Storage;
using Xunit.Abstractions;

namespace CustomerValue.Tests.Deployment;

/// <summary>
/// infra/ compiles with the real Bicep compiler without a warning, and the templates Azure receives hold what the
/// deployment promises: a .NET 10 isolated app on Flex Consumption, storage reached with the app's identity and
/// never with a key, and an Event Grid subscription that delivers created uploads to the blob trigger's webhook,
/// deployed after the code.
/// </summary>
[Collection(CompiledInfraCollection.Name)]
public sealed class InfraTemplateTests(CompiledInfra infra, ITestOutputHelper output)
{
    private JsonObject Main => infra.Template("main.bicep");
    private JsonObject App => ArmTemplate.Module(Main, "functionApp");

    [Fact]
    public void Every_Bicep_and_parameter_file_compiles_without_a_warning()
    {
        foreach (var (what, run) in new[] { ("bicep build", infra.TemplateRun), ("bicep build-params", infra.ParameterRun) })
        {
            Assert.True(run.ExitCode == 0, $"{what} failed ({run.ExitCode}):\n{string.Join('\n', run.Lines)}");
            Assert.True(run.Problems.Count == 0, $"{what} reported:\n{string.Join('\n', run.Problems)}");
        }
        Assert.Equal(infra.TemplateSources, infra.Templates.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(infra.ParameterSources, infra.Parameters.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("main.bicep", infra.TemplateSources);
        Assert.Contains("blob-subscription.bicep", infra.TemplateSources);
        Assert.Contains("main.bicepparam", infra.ParameterSources); // what azd uses
        output.WriteLine($"Compiled {infra.TemplateSources.Count} templates and {infra.ParameterSources.Count} parameter files in {infra.CompileTime.TotalSeconds:F1} s.");
    }

    /// <summary>The check above must see a warning when there is one: a module with an unused parameter and an unknown property.</summary>
    [Fact]
    public async Task The_problem_check_catches_compiler_and_linter_warnings()
    {
        var dir = Directory.CreateTempSubdirectory("bicep-warning-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(dir, "bad.bicep"), """
                param unused string
                resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
                  name: 'kv-example'
                  location: 'westeurope'
                  properties: {
                    tenantId: subscription().tenantId
                    sku: { family: 'A', name: 'standard' }
                    notAVaultProperty: true
                  }
                }
                """);
            var run = await CompiledInfra.Bicep.RunAsync(dir, "build", "bad.bicep");

            Assert.Equal(0, run.ExitCode); // warnings alone do not fail the compiler: the test must
            Assert.Contains(run.Problems, p => p.Contains("Warning BCP037", StringComparison.Ordinal));
            Assert.Contains(run.Problems, p => p.Contains("no-unused-params", StringComparison.Ordinal));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void The_app_is_a_dotnet_isolated_10_app_on_a_Flex_Consumption_plan()
    {
        var plan = ArmTemplate.Resource(App, "Microsoft.Web/serverfarms");
        Assert.Equal("FC1", (string?)plan["sku"]!["name"]);
        Assert.Equal("FlexConsumption", (string?)plan["sku"]!["tier"]);
        Assert.Equal(true, (bool?)plan["properties"]!["reserved"]); // Linux

        var site = ArmTemplate.Resource(App, "Microsoft.Web/sites");
        Assert.Contains((string?)site["apiVersion"], new[] { "2023-12-01", "2024-04-01" });
        Assert.Equal("functionapp,linux", (string?)site["kind"]);
        Assert.Contains("'azd-service-name', 'functions'", (string?)site["tags"]);
        var config = site["properties"]!["functionAppConfig"]!;
        Assert.Equal("dotnet-isolated", (string?)config["runtime"]!["name"]);
        Assert.Equal("10.0", (string?)config["runtime"]!["version"]);
        Assert.Equal("[parameters('instanceMemoryMB')]", (string?)config["scaleAndConcurrency"]!["instanceMemoryMB"]);
        Assert.Equal("[parameters('maximumInstanceCount')]", (string?)config["scaleAndConcurrency"]!["maximumInstanceCount"]);

        // The package lives in a blob container the platform reads with the app's identity.
        var package = config["deployment"]!["storage"]!;
        Assert.Equal("blobContainer", (string?)package["type"]);
        Assert.Equal("UserAssignedIdentity", (string?)package["authentication"]!["type"]);
        Assert.Equal("[parameters('identityId')]", (string?)package["authentication"]!["userAssignedIdentityResourceId"]);
        Assert.Equal("UserAssigned", (string?)site["identity"]!["type"]);

        // Instance limits are what Flex Consumption offers.
        var memory = Main["parameters"]!["instanceMemoryMB"]!;
        Assert.Equal([512, 2048, 4096], memory["allowedValues"]!.AsArray().Select(v => (int)v!));
        Assert.Equal(40, (int?)Main["parameters"]!["maximumInstanceCount"]!["minValue"]);
    }

    [Fact]
    public void Storage_is_reached_with_the_app_identity_and_never_with_a_key()
    {
        var settings = ArmTemplate.Variable(App, "appSettings").AsObject();
        Assert.Equal("managedidentity", (string?)settings["AzureWebJobsStorage__credential"]);
        Assert.Equal("[parameters('identityClientId')]", (string?)settings["AzureWebJobsStorage__clientId"]);
        Assert.Equal("[parameters('blobEndpoint')]", (string?)settings["AzureWebJobsStorage__blobServiceUri"]);
        Assert.Equal("[parameters('queueEndpoint')]", (string?)settings["AzureWebJobsStorage__queueServiceUri"]);
        Assert.Equal("[parameters('tableEndpoint')]", (string?)settings["AzureWebJobsStorage__tableServiceUri"]);
        Assert.False(settings.ContainsKey("AzureWebJobsStorage"), "a plain AzureWebJobsStorage would be a connection string");
        Assert.Contains("Authorization=AAD", (string?)settings["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"]);

        var account = ArmTemplate.Resource(ArmTemplate.Module(Main, "storage"), "Microsoft.Storage/storageAccounts");
        Assert.Equal(false, (bool?)account["properties"]!["allowSharedKeyAccess"]);
        var insights = ArmTemplate.Resource(ArmTemplate.Module(Main, "monitoring"), "Microsoft.Insights/components");
        Assert.Equal(true, (bool?)insights["properties"]!["DisableLocalAuth"]);
        var language = ArmTemplate.Resource(ArmTemplate.Module(Main, "language"), "Microsoft.CognitiveServices/accounts");
        Assert.Equal(true, (bool?)language["properties"]!["disableLocalAuth"]);

        // No template reads a storage key or builds a connection string with one. The one listKeys is the blob
        // extension's webhook key of the function app, in blob-subscription.bicep.
        foreach (var (source, template) in infra.Templates)
        {
            var text = ArmTemplate.Text(template);
            Assert.DoesNotContain("AccountKey", text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("DefaultEndpointsProtocol", text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("SharedAccessSignature", text, StringComparison.OrdinalIgnoreCase);
            var listKeys = Regex.Matches(text, @"listKeys\(([^)]*\))").Select(m => m.Groups[1].Value).ToList();
            Assert.All(listKeys, call => Assert.Contains("/host/default", call));
            if (source != "blob-subscription.bicep") Assert.Empty(listKeys);
        }
    }

    [Fact]
    public void The_app_identity_holds_the_storage_telemetry_language_and_vault_roles()
    {
        var roles = ArmTemplate.Module(Main, "roles");
        var ids = ArmTemplate.Variable(roles, "roles").AsObject().ToDictionary(p => p.Key, p => (string)p.Value!);
        Assert.Equal("b7e6dc6d-f1e8-4753-8033-0f276bb0955b", ids["storageBlobDataOwner"]); // pipeline, host and deployment containers
        Assert.Equal("974c5e8b-45b9-4653-ba55-5f855dd0fb88", ids["storageQueueDataContributor"]);
        Assert.Equal("0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3", ids["storageTableDataContributor"]);
        Assert.Equal("3913510d-42f4-4e42-8a64-420c390055eb", ids["monitoringMetricsPublisher"]);
        Assert.Equal("a97b65f3-24c7-4388-baec-2e87135dc908", ids["cognitiveServicesUser"]);
        Assert.Equal("4633458b-17de-408a-b874-0445c86b69e6", ids["keyVaultSecretsUser"]);
        Assert.Equal(
            ["[variables('roles').storageBlobDataOwner]", "[variables('roles').storageQueueDataContributor]", "[variables('roles').storageTableDataContributor]"],
            ArmTemplate.StringArray(ArmTemplate.Variable(roles, "appStorageRoles")));

        var assignments = ArmTemplate.Resources(roles, "Microsoft.Authorization/roleAssignments").Select(ArmTemplate.Text).ToList();
        foreach (var role in new[] { "monitoringMetricsPublisher", "cognitiveServicesUser", "keyVaultSecretsUser" })
            Assert.Contains(assignments, a => a.Contains($"variables('roles').{role}") && a.Contains("parameters('principalId')"));
        Assert.Contains(assignments, a => a.Contains("variables('appStorageRoles')") && a.Contains("parameters('principalId')"));

        // The app starts only once its identity may read the package and reach storage.
        var appModule = ArmTemplate.Resources(Main, "Microsoft.Resources/deployments").Single(r => (string?)r["name"] == "functionApp");
        Assert.Contains(appModule["dependsOn"]!.AsArray(), d => ((string?)d)!.Contains("'roles'"));
    }

    [Fact]
    public void Created_uploads_reach_the_blob_trigger_webhook_through_an_Event_Grid_subscription()
    {
        var topic = ArmTemplate.Resource(ArmTemplate.Module(Main, "blobEvents"), "Microsoft.EventGrid/systemTopics");
        Assert.Equal("Microsoft.Storage.StorageAccounts", (string?)topic["properties"]!["topicType"]);

        var subscription = ArmTemplate.Resource(infra.Template("blob-subscription.bicep"), "Microsoft.EventGrid/systemTopics/eventSubscriptions");
        var destination = subscription["properties"]!["destination"]!;
        Assert.Equal("WebHook", (string?)destination["endpointType"]);
        var endpoint = (string)destination["properties"]!["endpointUrl"]!;
        Assert.Contains($"/runtime/webhooks/blobs?functionName=Host.Functions.{nameof(UploadBlobFunction)}&code=", endpoint);
        Assert.Contains(".systemKeys.blobs_extension", endpoint);
        Assert.StartsWith("[format('https://", endpoint);

        var filter = subscription["properties"]!["filter"]!;
        Assert.Equal(["Microsoft.Storage.BlobCreated"], ArmTemplate.StringArray(filter["includedEventTypes"]!));
        Assert.Equal($"/blobServices/default/containers/{StorageNames.Containers.Uploads}/blobs/", (string?)filter["subjectBeginsWith"]);
    }

    /// <summary>Event Grid validates the webhook when the subscription is made: it must come after the code, not with the provisioning.</summary>
    [Fact]
    public void The_subscription_is_deployed_after_the_code_by_the_postdeploy_hook()
    {
        Assert.Empty(ArmTemplate.AllResources(Main).Where(r => (string?)r["type"] == "Microsoft.EventGrid/systemTopics/eventSubscriptions"));
        var outputs = Main["outputs"]!.AsObject();
        foreach (var output in new[] { "AZURE_FUNCTION_APP_NAME", "BLOB_EVENTS_TOPIC_NAME" })
            Assert.True(outputs.ContainsKey(output), $"main.bicep must output {output} for the hook");
        Assert.Equal(["functionAppName", "systemTopicName"], infra.Template("blob-subscription.bicep")["parameters"]!.AsObject().Select(p => p.Key));

        var azd = File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "azure.yaml"));
        var hook = Regex.Match(azd, @"^hooks:\s*\n\s+postdeploy:\s*\n(?:\s+\w+:.*\n)*?\s+run:\s*(\S+)", RegexOptions.Multiline);
        Assert.True(hook.Success, "azure.yaml has no postdeploy hook with a run line");
        var script = Path.Combine(TestPaths.RepoRoot, hook.Groups[1].Value);
        Assert.True(File.Exists(script), $"the postdeploy hook runs a missing script: {script}");
        if (!OperatingSystem.IsWindows()) Assert.True(File.GetUnixFileMode(script).HasFlag(UnixFileMode.UserExecute), $"{script} is not executable");
        var text = File.ReadAllText(script);
        Assert.Contains("blob-subscription.bicep", text);
        foreach (var variable in new[] { "AZURE_RESOURCE_GROUP", "AZURE_FUNCTION_APP_NAME", "BLOB_EVENTS_TOPIC_NAME" })
            Assert.Contains(variable, text);
    }

    [Fact]
    public void Azd_deploys_the_functions_project_to_the_Flex_app()
    {
        var azd = File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "azure.yaml"));
        var service = Regex.Match(azd, @"^services:\s*\n\s+functions:\s*\n((?:\s{4,}\w+:.*\n)+)", RegexOptions.Multiline);
        Assert.True(service.Success, "azure.yaml has no service 'functions'");
        var body = service.Groups[1].Value;
        Assert.Matches(@"project:\s*\./functions\s", body);
        Assert.Matches(@"language:\s*dotnet\s", body);
        Assert.Matches(@"host:\s*function\s", body);
        Assert.Matches(@"(?m)^infra:\s*\n(?:\s+.*\n)*?\s+path:\s*infra\s", azd);
        // azd reads the parameters of main.bicep from main.bicepparam, its environment name and region from azd.
        var parameters = infra.Parameters["main.bicepparam"]["parameters"]!.AsObject();
        foreach (var name in new[] { "environmentName", "location", "operatorPrincipalId" })
            Assert.True(parameters.ContainsKey(name), $"main.bicepparam does not set {name}");
    }
}
