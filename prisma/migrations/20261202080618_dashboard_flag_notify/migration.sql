-- Every new flag, and every flag marked reviewed or re-opened, is announced on channel lumi_flag at commit, from
-- whichever app node wrote it: open teacher dashboards on every node update without a reload. A trigger, so no
-- code path that raises a flag can forget to announce it.
CREATE FUNCTION lumi_notify_flag() RETURNS trigger
LANGUAGE plpgsql AS $fn$
BEGIN
  PERFORM pg_notify('lumi_flag', json_build_object(
    'id', NEW."id",
    'classId', NEW."classId",
    'kind', CASE WHEN TG_OP = 'INSERT' THEN 'raised' ELSE 'reviewed' END
  )::text);
  RETURN NULL;
END
$fn$;

CREATE TRIGGER "ModerationFlag_notify_insert" AFTER INSERT ON "ModerationFlag"
  FOR EACH ROW EXECUTE FUNCTION lumi_notify_flag();

CREATE TRIGGER "ModerationFlag_notify_review" AFTER UPDATE OF "reviewedAt" ON "ModerationFlag"
  FOR EACH ROW WHEN (OLD."reviewedAt" IS DISTINCT FROM NEW."reviewedAt") EXECUTE FUNCTION lumi_notify_flag();
