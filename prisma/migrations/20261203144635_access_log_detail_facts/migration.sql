-- An access-log record's detail becomes facts (packages/api/src/privacy/access-detail.types.ts) instead of an
-- English sentence. Every sentence the API wrote is turned into its facts; one of no known shape is kept as text.
ALTER TABLE "AccessLog" ADD COLUMN "facts" JSONB;

UPDATE "AccessLog" SET "facts" = jsonb_build_object('kind', 'session') WHERE "detail" = 'session';
UPDATE "AccessLog" SET "facts" = jsonb_build_object('kind', 'liveReply') WHERE "detail" = 'live reply';

UPDATE "AccessLog" a SET "facts" = jsonb_build_object('kind', 'oneSession', 'format', m[1])
FROM (SELECT "id", regexp_match("detail", '^one session, (\w+)$') AS m FROM "AccessLog") r
WHERE r."id" = a."id" AND r.m IS NOT NULL;

UPDATE "AccessLog" a SET "facts" = jsonb_build_object('kind', 'practice', 'title', m[1])
FROM (SELECT "id", regexp_match("detail", '^practice: (.*)$') AS m FROM "AccessLog") r
WHERE r."id" = a."id" AND r.m IS NOT NULL;

UPDATE "AccessLog" a SET "facts" = jsonb_build_object('kind', 'sessionsInRange', 'count', m[1]::int, 'from', m[2], 'to', m[3])
FROM (SELECT "id", regexp_match("detail", '^(\d+) sessions, (\S+)\.\.(\S+)$') AS m FROM "AccessLog") r
WHERE r."id" = a."id" AND r.m IS NOT NULL;

UPDATE "AccessLog" a SET "facts" = jsonb_build_object('kind', 'sessions', 'count', m[1]::int)
FROM (SELECT "id", regexp_match("detail", '^(\d+) sessions$') AS m FROM "AccessLog") r
WHERE r."id" = a."id" AND r.m IS NOT NULL;

UPDATE "AccessLog" a SET "facts" = jsonb_build_object('kind', 'usageRows', 'from', m[1], 'to', m[2], 'count', m[3]::int)
FROM (SELECT "id", regexp_match("detail", '^(\S+)\.\.(\S+), (\d+) rows$') AS m FROM "AccessLog") r
WHERE r."id" = a."id" AND r.m IS NOT NULL;

UPDATE "AccessLog" a SET "facts" = jsonb_build_object('kind', 'flags', 'count', m[1]::int)
FROM (SELECT "id", regexp_match("detail", '^(\d+) flags$') AS m FROM "AccessLog") r
WHERE r."id" = a."id" AND r.m IS NOT NULL;

UPDATE "AccessLog" a SET "facts" = jsonb_build_object('kind', 'flagExcerpts', 'count', m[1]::int)
FROM (SELECT "id", regexp_match("detail", '^flags queue: (\d+) excerpts?$') AS m FROM "AccessLog") r
WHERE r."id" = a."id" AND r.m IS NOT NULL;

UPDATE "AccessLog" a SET "facts" = jsonb_build_object('kind', 'search', 'query', m[1], 'count', m[2]::int)
FROM (SELECT "id", regexp_match("detail", '^search "(.*)": (\d+) messages?$') AS m FROM "AccessLog") r
WHERE r."id" = a."id" AND r.m IS NOT NULL;

UPDATE "AccessLog" a
SET "facts" = jsonb_build_object('kind', 'deleted', 'sessions', m[1]::int, 'messages', m[2]::int, 'usage', m[3]::int)
FROM (
  SELECT "id",
    regexp_match("detail", '^(\d+) sessions, (\d+) messages deleted; (\d+) usage rows kept without the student$') AS m
  FROM "AccessLog"
) r
WHERE r."id" = a."id" AND r.m IS NOT NULL;

UPDATE "AccessLog" a SET "facts" = jsonb_build_object('kind', 'exported', 'sessions', m[1]::int, 'usage', m[2]::int)
FROM (SELECT "id", regexp_match("detail", '^(\d+) sessions, (\d+) usage rows$') AS m FROM "AccessLog") r
WHERE r."id" = a."id" AND r.m IS NOT NULL;

UPDATE "AccessLog" SET "facts" = jsonb_build_object('kind', 'text', 'text', "detail")
WHERE "facts" IS NULL AND "detail" <> '';

ALTER TABLE "AccessLog" DROP COLUMN "detail";
ALTER TABLE "AccessLog" RENAME COLUMN "facts" TO "detail";
