namespace CustomerValue.Tests.Infrastructure;

/// <summary>A clock that says what the test sets: for code that takes time as a <see cref="TimeProvider"/>.</summary>
public sealed class SettableClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}
