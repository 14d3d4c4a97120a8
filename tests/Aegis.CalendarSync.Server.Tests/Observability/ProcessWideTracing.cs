namespace Aegis.CalendarSync.Server.Tests.Observability;

/// <summary>A tracer provider listens to the engine's activity sources process-wide: while a tracing test's host runs,
/// every other host in the test process creates activities too and stamps their trace context on its queue items
/// (seen in CI: the tracing-off test found trace context on all three of its items). The tests that enable tracing and
/// the one that proves it is off by default therefore never run at the same time.</summary>
[CollectionDefinition(Name)]
public sealed class ProcessWideTracing
{
    public const string Name = "Process-wide tracing listeners";
}
