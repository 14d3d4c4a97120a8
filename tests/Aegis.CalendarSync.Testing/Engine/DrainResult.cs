namespace Aegis.CalendarSync.Testing.Engine;

/// <summary>Items processed and non-empty batches claimed (the final empty claim is not counted).</summary>
public sealed record DrainResult(int Items, int Claims);
