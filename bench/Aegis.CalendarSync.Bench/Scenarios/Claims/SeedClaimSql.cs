namespace Aegis.CalendarSync.Bench.Scenarios.Claims;

/// <summary>The claim statement as it was before issue 12 (main at d416c02), kept verbatim as the baseline: its
/// <c>IS NOT DISTINCT FROM</c> cannot use an index, and its candidate scan walks the primary key over every row.</summary>
public static class SeedClaimSql
{
    public const string PostgreSql = """
        UPDATE sync_queue
           SET status = 'processing', lease_id = @lease, locked_until = @until, updated_at = @now
         WHERE id IN (
            SELECT c.id FROM sync_queue c
             WHERE ((c.status = 'pending' AND c.next_attempt_at <= @now)
                    OR (c.status = 'processing' AND c.locked_until < @now))
               AND NOT EXISTS (
                   SELECT 1 FROM sync_queue o
                    WHERE o.user_id = c.user_id
                      AND o.financial_event_id IS NOT DISTINCT FROM c.financial_event_id
                      AND o.id <> c.id
                      AND ((o.id < c.id AND o.status IN ('pending', 'processing'))
                           OR (o.status = 'processing' AND o.locked_until >= @now)))
             ORDER BY c.id
             LIMIT @batchSize
             FOR UPDATE SKIP LOCKED)
        RETURNING id
        """;
}
