-- Issue 11. A conflict can be resolved by merging fields of both versions: status 'resolved_merged'.
ALTER TABLE sync_conflicts DROP CONSTRAINT sync_conflicts_status_check;
ALTER TABLE sync_conflicts ADD CONSTRAINT sync_conflicts_status_check
    CHECK (status IN ('open', 'resolved_local', 'resolved_google', 'resolved_merged'));
