using System.Text.Json;
using System.Text.Json.Nodes;
using CustomerValue.LocalEngine.Hosting;
using CustomerValue.Storage;

namespace CustomerValue.Tests.Deployment;

/// <summary>
/// infra/ and the code must name the same containers, queues, tables and settings: renaming one side alone fails
/// here. The infra side is read from the templates the Bicep compiler produced (what Azure receives); the code's
/// names from StorageNames and local.settings.sample.json, so new ones are picked up without touching this test.
/// </summary>
[Collection(CompiledInfraCollection.Name)]
public sealed class InfraNamesTests(CompiledInfra infra)
{
    /// <summary>Settings the sample lists that the Azure deployment does not set, and why.</summary>
    private static readonly IReadOnlyDictionary<string, string> NotDeployed = new Dictionary<string, string>
    {
        ["Host__Id"] = "the local engine's host id; on Azure the Functions host derives its id from the app name",
        ["Host__Urls"] = "where the local engine's Kestrel listens; on Azure the platform's front end serves HTTP",
        ["Api__ReadKeys"] = "the local engine's key check; on Azure the function keys protect the endpoints (AuthorizationLevel.Function)",
        ["Api__AdminKeys"] = "the local engine's key check; on Azure the admin endpoints take the host's master key (AuthorizationLevel.Admin)",
        ["Sentiment__AzureLanguage__Key"] = "the app calls Azure AI Language with its managed identity; key auth is off",
        ["Telemetry__Console"] = "the local engine's console exporter; on Azure telemetry goes to Application Insights",
        ["FUNCTIONS_WORKER_RUNTIME"] = "Core Tools reads it locally; Flex Consumption takes the runtime from functionAppConfig and refuses the setting",
    };

    /// <summary>Sample settings that Azure knows under other names.</summary>
    private static readonly IReadOnlyDictionary<string, string[]> DeployedAs = new Dictionary<string, string[]>
    {
        // Identity-based connection: endpoints, the credential and the user-assigned identity, no key.
        ["AzureWebJobsStorage"] =
        [
            "AzureWebJobsStorage__blobServiceUri", "AzureWebJobsStorage__queueServiceUri", "AzureWebJobsStorage__tableServiceUri",
            "AzureWebJobsStorage__credential", "AzureWebJobsStorage__clientId",
        ],
        // The Functions host's switch for one function; the local engine reads the sample's form.
        ["Functions__UploadBlobFunction__Disabled"] = ["AzureWebJobs.UploadBlobFunction.Disabled"],
    };

    /// <summary>Settings only a deployment has: they come from Azure resources, not from local runs.</summary>
    private static readonly string[] DeploymentOnly = [TelemetrySettings.AzureMonitorSetting, "APPLICATIONINSIGHTS_AUTHENTICATION_STRING", "AZURE_CLIENT_ID"];

    private JsonObject Main => infra.Template("main.bicep");

    [Fact]
    public void Bicep_declares_exactly_the_containers_of_StorageNames() =>
        AssertSameNames("blob containers", StorageNames.AllContainers, ArmTemplate.StringArray(ArmTemplate.Variable(Main, "blobContainers")));

    [Fact]
    public void Bicep_declares_exactly_the_queues_of_StorageNames() =>
        AssertSameNames("queues", StorageNames.AllQueues, ArmTemplate.StringArray(ArmTemplate.Variable(Main, "storageQueues")));

    [Fact]
    public void Bicep_declares_exactly_the_tables_of_StorageNames() =>
        AssertSameNames("tables", StorageNames.AllTables, ArmTemplate.StringArray(ArmTemplate.Variable(Main, "storageTables")));

    /// <summary>The All* lists feed both the app's start-up creation and this comparison: a constant left out of them is missed by both.</summary>
    [Fact]
    public void StorageNames_lists_every_constant_it_declares()
    {
        foreach (var (group, listed) in new[]
                 {
                     (typeof(StorageNames.Containers), StorageNames.AllContainers),
                     (typeof(StorageNames.Queues), StorageNames.AllQueues),
                     (typeof(StorageNames.Tables), StorageNames.AllTables),
                 })
        {
            var constants = group.GetFields().Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!);
            AssertSameNames($"StorageNames.{group.Name} constants vs All{group.Name}", constants, listed);
        }
    }

    /// <summary>The storage module creates each listed name (and the deployment container besides).</summary>
    [Fact]
    public void The_storage_module_creates_the_lists_main_declares()
    {
        var storage = ArmTemplate.Module(Main, "storage");
        var given = Main["resources"]!.AsArray().Single(r => (string?)r!["name"] == "storage")!["properties"]!["parameters"]!;
        Assert.Equal("[variables('blobContainers')]", (string?)given["containers"]!["value"]);
        Assert.Equal("[variables('storageQueues')]", (string?)given["queues"]!["value"]);
        Assert.Equal("[variables('storageTables')]", (string?)given["tables"]!["value"]);
        Assert.Contains("parameters('containers')", (string?)ArmTemplate.Resource(storage, "Microsoft.Storage/storageAccounts/blobServices/containers")["name"]);
        Assert.Contains("parameters('queues')[copyIndex()]", (string?)ArmTemplate.Resource(storage, "Microsoft.Storage/storageAccounts/queueServices/queues")["name"]);
        Assert.Contains("parameters('tables')[copyIndex()]", (string?)ArmTemplate.Resource(storage, "Microsoft.Storage/storageAccounts/tableServices/tables")["name"]);
    }

    [Fact]
    public void Every_sample_setting_is_set_by_the_deployment_or_deliberately_left_out()
    {
        var deployed = DeployedSettings();
        var missing = SampleSettings()
            .Where(k => !NotDeployed.ContainsKey(k))
            .SelectMany(k => DeployedAs.TryGetValue(k, out var names) ? names : [k])
            .Where(k => !deployed.ContainsKey(k))
            .ToList();
        Assert.True(missing.Count == 0,
            $"The function app (infra/modules/functionapp.bicep, var appSettings) does not set: {string.Join(", ", missing)}. " +
            "Add them there (or to NotDeployed in this test, with the reason).");
    }

    [Fact]
    public void Every_deployed_setting_is_one_the_code_reads()
    {
        var known = SampleSettings().Concat(DeployedAs.Values.SelectMany(n => n)).Concat(DeploymentOnly).ToHashSet(StringComparer.Ordinal);
        var unknown = DeployedSettings().Keys.Where(k => !known.Contains(k)).ToList();
        Assert.True(unknown.Count == 0, $"infra/modules/functionapp.bicep sets settings the code does not know: {string.Join(", ", unknown)}.");
        foreach (var leftOut in NotDeployed.Keys)
            Assert.False(DeployedSettings().ContainsKey(leftOut), $"{leftOut} is listed as not deployed but the app sets it.");
    }

    [Fact]
    public void The_SMTP_password_is_a_Key_Vault_reference_resolved_with_the_app_identity()
    {
        var app = ArmTemplate.Module(Main, "functionApp");
        var password = (string)DeployedSettings()["Email__Smtp__Password"]!;
        Assert.Contains("@Microsoft.KeyVault(SecretUri=", password);
        Assert.Contains("secrets/smtp-password/", password);
        Assert.StartsWith("[if(variables('emailOn')", password); // only referenced when the e-mail is on
        var site = ArmTemplate.Resource(app, "Microsoft.Web/sites");
        Assert.Equal("[parameters('identityId')]", (string?)site["properties"]!["keyVaultReferenceIdentity"]);
    }

    /// <summary>The app's settings as the compiled template declares them (before empty values are dropped).</summary>
    private Dictionary<string, JsonNode?> DeployedSettings() =>
        ArmTemplate.Variable(ArmTemplate.Module(Main, "functionApp"), "appSettings").AsObject()
            .ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);

    /// <summary>The sample's keys in environment-variable form ("__" for ":"), as the deployment sets them.</summary>
    private static IReadOnlyList<string> SampleSettings()
    {
        using var sample = JsonDocument.Parse(File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "local.settings.sample.json")));
        return sample.RootElement.GetProperty("Values").EnumerateObject().Select(p => p.Name.Replace(":", "__")).ToList();
    }

    private static void AssertSameNames(string what, IEnumerable<string> code, IEnumerable<string> infra)
    {
        var inCode = code.ToHashSet(StringComparer.Ordinal);
        var inInfra = infra.ToHashSet(StringComparer.Ordinal);
        Assert.NotEmpty(inCode);
        Assert.True(inCode.SetEquals(inInfra),
            $"{what} differ. Only in code: [{string.Join(", ", inCode.Except(inInfra))}]; only in infra: [{string.Join(", ", inInfra.Except(inCode))}].");
    }
}
