using System.ComponentModel.DataAnnotations;
namespace CustomerValue.Storage.Notifications;

public enum SmtpTls
{
    /// <summary>Plain SMTP: only for a relay on loopback or a private network.</summary>
    None,
    /// <summary>Connect in clear, then STARTTLS (port 587: SendGrid, Azure Communication Services, Microsoft 365).</summary>
    StartTls,
    /// <summary>TLS from the first byte (port 465).</summary>
    SslOnConnect,
}

public sealed class SmtpOptions
{
    public string? Host { get; set; }
    [Range(1, 65535)]
    public int Port { get; set; } = 587;
    public SmtpTls UseTls { get; set; } = SmtpTls.StartTls;
    public string? User { get; set; }
    public string? Password { get; set; }
}

/// <summary>Settings section "Email": the scheduled KPI email.</summary>
public sealed class EmailOptions
{
    public const string Section = "Email";
    public const string ScheduleSetting = "Email:Schedule";
    /// <summary>NCRONTAB schedule of the email timer (six fields, seconds first): Mondays at 07:00 UTC.</summary>
    public string Schedule { get; set; } = "0 0 7 * * 1";
    /// <summary>Recipients, comma or semicolon separated. Empty: the email is not sent.</summary>
    public string? To { get; set; }
    public string? From { get; set; }
    public string Subject { get; set; } = "Customer value KPIs";
    /// <summary>How many days of snapshots the trend charts cover.</summary>
    public int HistoryDays { get; set; } = 180;
    /// <summary>A "sending" mark older than this is taken to be a crashed run, and the email is sent again.</summary>
    public TimeSpan SendingLease { get; set; } = TimeSpan.FromMinutes(10);
    /// <summary>How many times one run hands the email to the relay before it records the period as failed (same Message-Id each time).</summary>
    [Range(1, 10)]
    public int SendAttempts { get; set; } = 3;
    /// <summary>The wait between those tries.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan SendRetryDelay { get; set; } = TimeSpan.FromSeconds(30);
    public SmtpOptions Smtp { get; set; } = new();

    public IReadOnlyList<string> Recipients =>
        (To ?? "").Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
