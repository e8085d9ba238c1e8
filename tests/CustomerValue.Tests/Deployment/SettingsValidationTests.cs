using CustomerValue.Application.Settings;
using CustomerValue.Application.Snapshots;
using CustomerValue.Functions.Hosting;
using CustomerValue.LocalEngine.Hosting;
using CustomerValue.Storage.Notifications;
using Microsoft.Extensions.Options;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerValue.Tests.Deployment;

/// <summary>
/// The host checks every setting before it touches storage: the sample settings pass, and each missing or
/// malformed one stops the start with a message that names it.
/// </summary>
public sealed class SettingsValidationTests : IDisposable
{
    private readonly string contentRoot = Directory.CreateTempSubdirectory("settings-").FullName;

    public void Dispose() => Directory.Delete(contentRoot, recursive: true);

    [Fact]
    public async Task The_host_accepts_the_sample_settings_file()
    {
        var sample = Path.Combine(TestPaths.RepoRoot, "local.settings.sample.json");
        File.Copy(sample, Path.Combine(contentRoot, "local.settings.json"));
        await using var app = PipelineHost.Build([], contentRoot: contentRoot);

        SettingsValidation.ValidateNow(app.Services);

        // The file was really read: every value of the sample is what the host sees.
        var configuration = app.Services.GetRequiredService<IConfiguration>();
        foreach (var (key, value) in Application.Settings.PipelineSettings.ReadLocalSettingsValues(sample))
            Assert.Equal(value, configuration[key]);
    }

    public static TheoryData<string, string> MalformedSettings => new()
    {
        { "AzureWebJobsStorage", "" },
        { "AzureWebJobsStorage", "this is not a connection string" },
        { "AzureWebJobsStorage", "DefaultEndpointsProtocol=https;AccountName=onlyaname" },
        { "Host:Id", "Customer_Value" },
        { "Host:Id", "" },
        { "Host:Urls", "localhost:7071" },
        { "Host:Urls", "ftp://127.0.0.1:7071" },
        { "Pipeline:CustomerBuckets", "0" },
        { "Pipeline:CustomerBuckets", "sixteen" },
        { "Snapshots:KpiSchedule", "every night at two" },
        { "Snapshots:KpiSchedule", "0 2 * * *" }, // five fields: the timer wants seconds first
        { "Snapshots:ActiveWindowDays", "-5" },
        { "Reconciliation:Schedule", "61 * * * * *" },
        { "Reconciliation:MinAge", "ten minutes" },
        { "Functions:UploadBlobFunction:Disabled", "perhaps" },
        { "Sentiment:Provider", "Bert" },
        { "Email:Smtp:Port", "70000" }, // checked only with Email:To set (below)
        { "Email:Schedule", "weekly" },
        { "Telemetry:Console", "yes" },
        { "APPLICATIONINSIGHTS_CONNECTION_STRING", "https://example.invalid" },
    };

    [Theory]
    [MemberData(nameof(MalformedSettings))]
    public async Task A_malformed_or_missing_setting_stops_the_start_and_is_named(string key, string value)
    {
        var settings = new Dictionary<string, string?> { [key] = value };
        if (key.StartsWith("Email:Smtp:", StringComparison.Ordinal)) AddCompleteEmail(settings, except: key);

        var error = await StartFailureAsync(settings);

        Assert.Contains(key, error.Message);
    }

    [Fact]
    public async Task The_Azure_Language_provider_needs_an_absolute_endpoint()
    {
        var missing = await StartFailureAsync(new() { ["Sentiment:Provider"] = "AzureLanguage" });
        Assert.Contains("Sentiment:AzureLanguage:Endpoint", missing.Message);

        var relative = await StartFailureAsync(new() { ["Sentiment:Provider"] = "azurelanguage", ["Sentiment:AzureLanguage:Endpoint"] = "language.example.com" });
        Assert.Contains("Sentiment:AzureLanguage:Endpoint", relative.Message);
    }

    [Theory]
    [InlineData("Email:From")]
    [InlineData("Email:Smtp:Host")]
    public async Task An_incomplete_email_configuration_names_what_is_missing(string leftOut)
    {
        var settings = new Dictionary<string, string?>();
        AddCompleteEmail(settings, except: leftOut);

        var error = await StartFailureAsync(settings);

        Assert.Contains(leftOut, error.Message);
    }

    [Fact]
    public async Task An_SMTP_user_needs_a_password()
    {
        var settings = new Dictionary<string, string?> { ["Email:Smtp:User"] = "reports" };
        AddCompleteEmail(settings, except: "Email:Smtp:Password");

        var error = await StartFailureAsync(settings);

        Assert.Contains("Email:Smtp:Password", error.Message);
    }

    [Fact]
    public void Complete_settings_of_every_feature_pass()
    {
        var settings = new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = "DefaultEndpointsProtocol=https;AccountName=custval;AccountKey=" + Convert.ToBase64String(new byte[64]) + ";EndpointSuffix=core.windows.net",
            ["Host:Id"] = "customer-value",
            ["Host:Urls"] = "http://0.0.0.0:8080;http://+:8081",
            ["Snapshots:KpiSchedule"] = "00:30:00",
            ["Reconciliation:Schedule"] = "0 */5 * * * *",
            ["Sentiment:Provider"] = "AzureLanguage",
            ["Sentiment:AzureLanguage:Endpoint"] = "https://lang.cognitiveservices.azure.com/",
            ["Telemetry:Console"] = "true",
            ["APPLICATIONINSIGHTS_CONNECTION_STRING"] = "InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=https://example.invalid/",
        };
        AddCompleteEmail(settings, except: null);
        settings["Email:Smtp:User"] = "reports";

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        Assert.Empty(HostSettingsValidator.Check(configuration).Concat(SettingsValidator.Check(configuration)));
    }

    public static TheoryData<string, string, string> RefusedByBothEngines => new()
    {
        { "Snapshots:ActiveWindowDays", "0", "Snapshots:ActiveWindowDays must be a whole number from 1 to 3650 (is '0')" },
        { "Pipeline:CustomerBuckets", "sixteen", "Pipeline:CustomerBuckets must be a whole number from 1 to 1024 (is 'sixteen')" },
        { "Value:Margin", "0", "Value:Margin must be a number above 0 and at most 1 (is '0')" },
        { "Storage:FaultInjection:Rate", "1", "Storage:FaultInjection:Rate must be a number at least 0 and below 1 (is '1')" },
        { "Reconciliation:MinAge", "-00:01:00", "Reconciliation:MinAge must be a duration (d.hh:mm:ss) at least 00:00:00 and at most 7.00:00:00 (is '-00:01:00')" },
        { "Discovery:SendParallelism", "300", "Discovery:SendParallelism must be a whole number from 1 to 256 (is '300')" },
        { "Email:Smtp:Port", "70000", "Email:Smtp:Port must be a whole number from 1 to 65535 (is '70000')" },
        { "Sentiment:Provider", "Bert", "Sentiment:Provider must be one of Embedded, AzureLanguage" },
        { "Email:Schedule", "weekly", "Email:Schedule is not a schedule: use six-field NCRONTAB with seconds first (e.g. 0 0 2 * * *) or a TimeSpan (e.g. 00:05:00)" },
    };

    /// <summary>One rule per setting: the local engine and the Functions app refuse the same value in the same words, naming the range.</summary>
    [Theory]
    [MemberData(nameof(RefusedByBothEngines))]
    public async Task Both_engines_refuse_the_same_bad_value_with_the_same_message(string key, string value, string expected)
    {
        var settings = new Dictionary<string, string?> { [key] = value };

        var engine = await StartFailureAsync(settings);
        var functions = Assert.ThrowsAny<Exception>(() => FunctionsServices(settings).GetRequiredService<IStartupValidator>().Validate());

        Assert.Equal([expected], FailuresAbout(key, engine));
        Assert.Equal([expected], FailuresAbout(key, functions));
    }

    [Fact]
    public async Task A_default_is_read_from_its_options_class_in_both_engines()
    {
        await using var engine = PipelineHost.Build([], contentRoot: contentRoot);
        await using var functions = FunctionsServices([]);

        foreach (IServiceProvider services in new IServiceProvider[] { engine.Services, functions })
        {
            var configuration = services.GetRequiredService<IConfiguration>();
            // The timer bindings read the schedule by name; its value is the options property's initialiser.
            Assert.Equal(new EmailOptions().Schedule, configuration[EmailOptions.ScheduleSetting]);
            Assert.Equal(new SnapshotOptions().KpiSchedule, configuration[TimerSchedules.KpiSnapshotSetting]);
            Assert.Equal("0 0 7 * * 1", services.GetRequiredService<IOptions<EmailOptions>>().Value.Schedule);
            Assert.Equal(90, services.GetRequiredService<IOptions<SnapshotOptions>>().Value.ActiveWindowDays);
            Assert.Equal(16, services.GetRequiredService<IOptions<PipelineOptions>>().Value.CustomerBuckets);
        }
    }

    /// <summary>The worker app's service provider as its Program builds it: app settings, the defaults beneath them, its registrations.</summary>
    private static ServiceProvider FunctionsServices(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).AddPipelineDefaults().Build();
        var services = new ServiceCollection().AddLogging().AddSingleton<IConfiguration>(configuration);
        FunctionsAppServices.Configure(services, configuration);
        return services.BuildServiceProvider();
    }

    private static List<string> FailuresAbout(string key, Exception error) =>
        (error is AggregateException all ? all.InnerExceptions : [error]).OfType<OptionsValidationException>()
            .SelectMany(e => e.Failures).Where(f => f.StartsWith(key + " ", StringComparison.Ordinal)).ToList();

    /// <summary>Starting a host with these settings must fail before storage is touched (none runs here).</summary>
    private async Task<Exception> StartFailureAsync(Dictionary<string, string?> settings)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        return await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            await using var app = PipelineHost.Build([], settings, contentRoot);
            await PipelineHost.StartAsync(app, timeout.Token);
        });
    }

    private static void AddCompleteEmail(Dictionary<string, string?> settings, string? except)
    {
        var email = new Dictionary<string, string?>
        {
            ["Email:To"] = "owner@example.com; finance@example.com",
            ["Email:From"] = "pipeline@example.com",
            ["Email:Smtp:Host"] = "smtp.example.com",
            ["Email:Smtp:Port"] = "587",
            ["Email:Smtp:UseTls"] = "StartTls",
            ["Email:Smtp:Password"] = "secret",
        };
        foreach (var (k, v) in email)
            if (k != except && !settings.ContainsKey(k)) settings[k] = v;
    }
}
