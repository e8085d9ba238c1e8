using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace CustomerValue.Storage.Notifications;

/// <summary>Hands a message to the mail system. A failure it may recover from is one <see cref="MailFailures.IsTransient"/> names.</summary>
public interface IMailSender
{
    Task SendAsync(MimeMessage message, CancellationToken cancellationToken);
}

public static class MailFailures
{
    /// <summary>
    /// A failure worth another try with the same message: a timeout, a dropped connection, a relay that answered 4xx or
    /// broke the protocol. Not a 5xx refusal, and not a cancellation the caller asked for.
    /// </summary>
    public static bool IsTransient(Exception e, CancellationToken cancellationToken) => e switch
    {
        SmtpCommandException command => (int)command.StatusCode is >= 400 and < 500,
        TimeoutException or IOException or System.Net.Sockets.SocketException or MailKit.ProtocolException => true,
        OperationCanceledException => !cancellationToken.IsCancellationRequested,
        _ => false,
    };
}

/// <summary>Sends a message through the configured SMTP relay with MailKit: any relay that speaks SMTP AUTH.</summary>
public sealed class SmtpMailSender(IOptions<EmailOptions> options) : IMailSender
{
    public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        var smtp = options.Value.Smtp;
        if (string.IsNullOrWhiteSpace(smtp.Host)) throw new InvalidOperationException("The setting 'Email:Smtp:Host' is missing.");
        using var client = new SmtpClient();
        await client.ConnectAsync(smtp.Host, smtp.Port, smtp.UseTls switch
        {
            SmtpTls.None => SecureSocketOptions.None,
            SmtpTls.SslOnConnect => SecureSocketOptions.SslOnConnect,
            _ => SecureSocketOptions.StartTls,
        }, cancellationToken);
        if (!string.IsNullOrEmpty(smtp.User)) await client.AuthenticateAsync(smtp.User, smtp.Password ?? "", cancellationToken);
        await client.SendAsync(message, cancellationToken);
        await client.DisconnectAsync(quit: true, cancellationToken);
    }
}
