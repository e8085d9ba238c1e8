using System.Diagnostics;
using System.Reflection;
using Microsoft.Azure.WebJobs;
using Microsoft.Azure.WebJobs.Host;

namespace CustomerValue.LocalEngine.Hosting;

/// <summary>
/// Measures every function run without touching the functions: a span and a duration per run, a failure count,
/// and the queue lag of queue-triggered functions that declare a <c>DateTimeOffset insertionTime</c> parameter
/// (the queue trigger's binding data). The filter API is marked preview in WebJobs 3.x but is the one the
/// Functions host uses for the same purpose.
/// </summary>
#pragma warning disable CS0618 // IFunctionInvocationFilter is "preview" in WebJobs 3.x, and stable in practice.
public sealed class TelemetryFunctionFilter(PipelineTelemetry telemetry) : IFunctionInvocationFilter
{
    /// <summary>The queue trigger's binding-data name for the message's insertion time.</summary>
    public const string InsertionTimeParameter = "insertionTime";

    private const string StartedKey = "CustomerValue.Telemetry.Started";
    private const string ActivityKey = "CustomerValue.Telemetry.Activity";

    private static readonly IReadOnlyDictionary<string, string> QueueOfFunction = QueueTriggeredFunctions(typeof(TelemetryFunctionFilter).Assembly);

    public Task OnExecutingAsync(FunctionExecutingContext executingContext, CancellationToken cancellationToken)
    {
        executingContext.Properties[StartedKey] = Stopwatch.GetTimestamp();
        if (telemetry.StartFunction(executingContext.FunctionName, executingContext.FunctionInstanceId) is { } activity)
            executingContext.Properties[ActivityKey] = activity;

        if (QueueOfFunction.TryGetValue(executingContext.FunctionName, out var queue)
            && executingContext.Arguments.TryGetValue(InsertionTimeParameter, out var value) && value is DateTimeOffset inserted)
            telemetry.RecordQueueLag(queue, DateTimeOffset.UtcNow - inserted);
        return Task.CompletedTask;
    }

    public Task OnExecutedAsync(FunctionExecutedContext executedContext, CancellationToken cancellationToken)
    {
        var failure = executedContext.FunctionResult.Succeeded ? null : Unwrap(executedContext.FunctionResult.Exception);
        if (executedContext.Properties.TryGetValue(StartedKey, out var started) && started is long timestamp)
            telemetry.RecordFunctionRun(executedContext.FunctionName, Stopwatch.GetElapsedTime(timestamp), failure);

        if (executedContext.Properties.TryGetValue(ActivityKey, out var value) && value is Activity activity)
        {
            activity.SetTag(PipelineTelemetry.OutcomeTag, failure is null ? PipelineTelemetry.Succeeded : PipelineTelemetry.Failed);
            if (failure is not null)
            {
                activity.SetStatus(ActivityStatusCode.Error, failure.Message);
                activity.AddException(failure);
            }
            activity.Stop();
        }
        return Task.CompletedTask;
    }

    /// <summary>The engine wraps the function's own exception; the inner one says what went wrong.</summary>
    private static Exception? Unwrap(Exception? exception) =>
        exception is FunctionInvocationException { InnerException: { } inner } ? inner : exception;

    /// <summary>Function name -> queue name, for every [QueueTrigger] function of the assembly.</summary>
    public static IReadOnlyDictionary<string, string> QueueTriggeredFunctions(Assembly assembly) =>
        (from type in assembly.GetTypes()
         from method in type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static)
         let name = method.GetCustomAttribute<FunctionNameAttribute>()
         where name is not null
         from parameter in method.GetParameters()
         let trigger = parameter.GetCustomAttribute<QueueTriggerAttribute>()
         where trigger is not null
         select (name.Name, trigger.QueueName))
        .ToDictionary(p => p.Name, p => p.QueueName);
}
#pragma warning restore CS0618
