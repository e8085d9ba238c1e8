using System.Runtime.ExceptionServices;
using Microsoft.Azure.WebJobs.Host.Timers;

namespace CustomerValue.LocalEngine.Hosting;

/// <summary>
/// The trigger engine hands a listener's failure to an exception handler whose default rethrows it on a new thread,
/// which ends the process: one blob name that the storage service cannot list (Azurite answers 500 to a name with a
/// control character) would stop the host at every start. A storage failure of a listener is logged instead and the
/// host goes on; the blob listener has stopped scanning then, and the reconciliation sweep (which steps past such a
/// name and records it as a failed upload) picks up new blobs. Every other failure still ends the process.
/// </summary>
public sealed class ListenerFailureHandlerFactory(ILoggerFactory loggers) : IWebJobsExceptionHandlerFactory
{
    public IWebJobsExceptionHandler Create(IHost jobHost) =>
        new ListenerFailureHandler(new WebJobsExceptionHandler(jobHost), loggers.CreateLogger("Host.Listeners"));
}

public sealed partial class ListenerFailureHandler(IWebJobsExceptionHandler fallback, ILogger logger) : IWebJobsExceptionHandler
{
    public Task OnTimeoutExceptionAsync(ExceptionDispatchInfo exceptionInfo, TimeSpan timeoutGracePeriod) =>
        fallback.OnTimeoutExceptionAsync(exceptionInfo, timeoutGracePeriod);

    public Task OnUnhandledExceptionAsync(ExceptionDispatchInfo exceptionInfo)
    {
        if (!IsStorageFailure(exceptionInfo.SourceException)) return fallback.OnUnhandledExceptionAsync(exceptionInfo);
        LogListenerStopped(logger, exceptionInfo.SourceException);
        return Task.CompletedTask;
    }

    /// <summary>A storage service's answer (the SDK the extension is built on: Azure.Core now, the legacy client before).</summary>
    private static bool IsStorageFailure(Exception e) =>
        e is Azure.RequestFailedException || e.GetType().FullName == "Microsoft.Azure.Storage.StorageException";

    [LoggerMessage(Level = LogLevel.Critical, Message = "A trigger listener stopped on a storage failure; the host goes on and the reconciliation sweep picks up new uploads")]
    private static partial void LogListenerStopped(ILogger logger, Exception exception);
}
