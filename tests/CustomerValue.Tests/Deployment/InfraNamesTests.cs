using System.Text.Json;
using System.Text.RegularExpressions;
using CustomerValue.LocalEngine.Hosting;
using CustomerValue.Storage;
using CustomerValue.Application;
using CustomerValue.Application.Settings;

namespace CustomerValue.Tests.Deployment;

/// <summary>
/// infra/ and the code must name the same containers, queues, tables and settings: renaming one side alone fails
/// here. The code's names are read from StorageNames and local.settings.sample.json, so new ones are picked up
/// without touching this test; only the Bicep needs the new name.
/// </summary>
public sealed class InfraNamesTests
{
    private static readonly string Main = BicepText.Read("main.bicep");
    private static readonly string App = BicepText.Read("modules", "app.bicep");

    /// <summary>Settings the sample lists on purpose but the Azure deployment does not set, and why.</summary>
    private static readonly IReadOnlyDictionary<string, string> NotDeployed = new Dictionary<string, string>
    {
        ["Sentiment__AzureLanguage__Key"] = "the app calls Azure AI Language with its managed identity; key auth is off",
        ["Email__Smtp__Password"] = "set only when the e-mail is on (Email__To), from the Key Vault secret smtp-password",
        ["FUNCTIONS_WORKER_RUNTIME"] = "Core Tools reads it locally; Flex Consumption takes the runtime from functionAppConfig and refuses the setting",
    };

    /// <summary>Settings only a deployment has: they come from Azure resources, not from local runs.</summary>
    private static readonly string[] DeploymentOnly = [TelemetrySettings.AzureMonitorSetting, "AZURE_CLIENT_ID"];

    [Fact]
    public void Bicep_declares_exactly_the_containers_of_StorageNames() =>
        AssertSameNames("blob containers", StorageNames.AllContainers, BicepText.StringItems(BicepText.ArrayVariable(Main, "blobContainers")));

    [Fact]
    public void Bicep_declares_exactly_the_queues_of_StorageNames() =>
        AssertSameNames("queues", StorageNames.AllQueues, BicepText.StringItems(BicepText.ArrayVariable(Main, "storageQueues")));

    [Fact]
    public void Bicep_declares_exactly_the_tables_of_StorageNames() =>
        AssertSameNames("tables", StorageNames.AllTables, BicepText.StringItems(BicepText.ArrayVariable(Main, "storageTables")));

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

    [Fact]
    public void The_scale_rule_watches_the_metrics_queue()
    {
        var scaleQueue = Regex.Match(Main, @"^var scaleQueue = '([^']*)'", RegexOptions.Multiline);
        Assert.True(scaleQueue.Success, "var scaleQueue not found in main.bicep");
        Assert.Equal(StorageNames.Queues.Metrics, scaleQueue.Groups[1].Value);
        Assert.Contains("scaleQueue: scaleQueue", Main);
        Assert.Contains("azureQueue:", App);
        Assert.Contains("queueName: scaleQueue", App);
    }

    [Fact]
    public void Every_sample_setting_is_set_by_the_deployment_or_deliberately_left_out()
    {
        var deployed = DeployedSettings();
        var missing = SampleSettings().Where(k => !deployed.Contains(k) && !NotDeployed.ContainsKey(k)).ToList();
        Assert.True(missing.Count == 0,
            $"local.settings.sample.json has settings infra/modules/app.bicep does not set: {string.Join(", ", missing)}. " +
            "Add them to appSettings there (or to NotDeployed in this test, with the reason).");
    }

    [Fact]
    public void Every_deployed_setting_is_one_the_code_reads()
    {
        var known = SampleSettings().Concat(DeploymentOnly).Concat(UpcomingSettings).ToHashSet(StringComparer.Ordinal);
        var unknown = DeployedSettings().Where(k => !known.Contains(k)).ToList();
        Assert.True(unknown.Count == 0, $"infra/modules/app.bicep sets settings the code does not know: {string.Join(", ", unknown)}.");
    }

    [Fact]
    public void Secrets_come_from_Key_Vault_and_are_never_plain_values()
    {
        var settings = BicepText.ArrayVariable(App, "appSettings");
        foreach (var secret in new[] { "AzureWebJobsStorage", "Api__ReadKeys", "Api__AdminKeys" })
            Assert.Matches($@"name: '{secret}'\s*\n\s*secretRef: '", settings);
        Assert.Matches(@"name: 'Email__Smtp__Password'\s*\n\s*secretRef: 'smtp-password'", App);
        var secrets = BicepText.PropertyValues(BicepText.Between(App, "var vaultSecrets", "var appSettings"), "name").ToHashSet();
        foreach (var reference in BicepText.PropertyValues(App, "secretRef"))
        {
            Assert.Contains(reference, secrets);
            Assert.Contains($"keyVaultUrl: '${{keyVaultUri}}secrets/{reference}'", App);
        }
    }

    [Fact]
    public void The_identity_holds_every_role_the_app_needs()
    {
        var roles = BicepText.Read("modules", "roles.bicep");
        foreach (var role in new[]
                 {
                     "b7e6dc6d-f1e8-4753-8033-0f276bb0955b", // Storage Blob Data Owner
                     "974c5e8b-45b9-4653-ba55-5f855dd0fb88", // Storage Queue Data Contributor
                     "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3", // Storage Table Data Contributor
                     "a97b65f3-24c7-4388-baec-2e87135dc908", // Cognitive Services User
                     "4633458b-17de-408a-b874-0445c86b69e6", // Key Vault Secrets User
                     "7f951dda-4ed3-4680-a7ca-43fe172d538d", // AcrPull
                 })
            Assert.Contains($"'{role}'", roles);
    }

    [Fact]
    public void Every_module_and_parameter_file_the_Bicep_refers_to_exists()
    {
        foreach (var file in BicepText.AllFiles())
        {
            var text = File.ReadAllText(file);
            var references = Regex.Matches(text, @"(?:^module \w+ '|^using ')([^']+)'", RegexOptions.Multiline);
            foreach (Match reference in references)
                Assert.True(File.Exists(Path.Combine(Path.GetDirectoryName(file)!, reference.Groups[1].Value)), $"{file} refers to missing {reference.Groups[1].Value}");
        }
        Assert.True(File.Exists(Path.Combine(TestPaths.RepoRoot, "infra", "env", "dev.bicepparam")));
        Assert.True(File.Exists(Path.Combine(TestPaths.RepoRoot, "infra", "env", "prod.bicepparam")));
    }

    /// <summary>
    /// Settings the Bicep sets ahead of the code that reads them (reports' API keys and the report e-mail). Once a
    /// name is in local.settings.sample.json it is checked like every other, and this list can lose it.
    /// </summary>
    private static readonly string[] UpcomingSettings =
    [
        "Api__ReadKeys", "Api__AdminKeys", "Sentiment__Provider", "Sentiment__AzureLanguage__Endpoint", "Telemetry__Console",
        "Email__Schedule", "Email__To", "Email__From", "Email__Smtp__Host", "Email__Smtp__Port", "Email__Smtp__UseTls",
        "Email__Smtp__User", "Email__Smtp__Password",
    ];

    private static HashSet<string> DeployedSettings() =>
        BicepText.PropertyValues(BicepText.ArrayVariable(App, "appSettings"), "name")
            .Concat(BicepText.PropertyValues(BicepText.Between(App, "var smtpPasswordSetting", "var environmentVariables"), "name"))
            .ToHashSet(StringComparer.Ordinal);

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
