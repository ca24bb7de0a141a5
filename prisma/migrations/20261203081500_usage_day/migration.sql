-- Usage per class, UTC day, person, model and mode (else kind), kept exact by triggers on "UsageEvent": the
-- dashboard's charts read a few rows a day instead of every reply (teacher/get-usage.ts).

-- AlterTable: the session's tutoring mode, stamped on a usage row as it is written, so the row says which mode it was
-- spent in even after the session is deleted.
ALTER TABLE "UsageEvent" ADD COLUMN "mode" "TutorMode";

CREATE FUNCTION lumi_usage_mode() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW."mode" IS NULL AND NEW."conversationId" IS NOT NULL AND NEW."classId" IS NOT NULL THEN
    SELECT c."mode" INTO NEW."mode" FROM "Conversation" c
    WHERE c."id" = NEW."conversationId" AND c."classId" = NEW."classId";
  END IF;
  RETURN NEW;
END $$;

CREATE TRIGGER "UsageEvent_mode" BEFORE INSERT ON "UsageEvent" FOR EACH ROW EXECUTE FUNCTION lumi_usage_mode();

UPDATE "UsageEvent" u SET "mode" = c."mode"
FROM "Conversation" c
WHERE c."id" = u."conversationId" AND c."classId" = u."classId";

-- CreateTable
CREATE TABLE "UsageDay" (
    "classId" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "userId" TEXT NOT NULL,
    "model" TEXT NOT NULL,
    "bucket" TEXT NOT NULL,
    "promptTokens" BIGINT NOT NULL DEFAULT 0,
    "completionTokens" BIGINT NOT NULL DEFAULT 0,
    "costMicros" BIGINT NOT NULL DEFAULT 0,
    "events" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "UsageDay_pkey" PRIMARY KEY ("classId","day","userId","model","bucket")
);

-- One statement's usage rows are taken away (old_rows) and added (new_rows) by the rollup's key: the class, the UTC
-- day, the person ('' once deleted), the model, and the mode (else the kind: an exercise, an insight). Rows of no
-- class are not rolled up. A key left with no rows is removed.
CREATE FUNCTION lumi_usage_day() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    UPDATE "UsageDay" d SET "promptTokens" = d."promptTokens" - g."promptTokens",
      "completionTokens" = d."completionTokens" - g."completionTokens",
      "costMicros" = d."costMicros" - g."costMicros", "events" = d."events" - g."events"
    FROM (
      SELECT "classId", "createdAt"::date AS "day", coalesce("userId", '') AS "userId", "model",
        coalesce("mode"::text, "kind"::text) AS "bucket", sum("promptTokens") AS "promptTokens",
        sum("completionTokens") AS "completionTokens", sum("costMicros") AS "costMicros", count(*) AS "events"
      FROM old_rows WHERE "classId" IS NOT NULL GROUP BY 1, 2, 3, 4, 5
    ) g
    WHERE d."classId" = g."classId" AND d."day" = g."day" AND d."userId" = g."userId" AND d."model" = g."model"
      AND d."bucket" = g."bucket";
    DELETE FROM "UsageDay" d USING old_rows o
    WHERE o."classId" IS NOT NULL AND d."classId" = o."classId" AND d."day" = o."createdAt"::date
      AND d."userId" = coalesce(o."userId", '') AND d."model" = o."model"
      AND d."bucket" = coalesce(o."mode"::text, o."kind"::text) AND d."events" <= 0;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO "UsageDay" AS d ("classId", "day", "userId", "model", "bucket", "promptTokens", "completionTokens",
      "costMicros", "events")
    SELECT "classId", "createdAt"::date, coalesce("userId", ''), "model", coalesce("mode"::text, "kind"::text),
      sum("promptTokens"), sum("completionTokens"), sum("costMicros"), count(*)
    FROM new_rows WHERE "classId" IS NOT NULL GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5
    ON CONFLICT ("classId", "day", "userId", "model", "bucket") DO UPDATE SET
      "promptTokens" = d."promptTokens" + EXCLUDED."promptTokens",
      "completionTokens" = d."completionTokens" + EXCLUDED."completionTokens",
      "costMicros" = d."costMicros" + EXCLUDED."costMicros", "events" = d."events" + EXCLUDED."events";
  END IF;
  RETURN NULL;
END $$;

-- Transition tables allow one event per trigger. Creating them locks "UsageEvent" until this migration commits, so
-- the rollup below misses no row.
CREATE TRIGGER "UsageEvent_day_insert" AFTER INSERT ON "UsageEvent" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION lumi_usage_day();
CREATE TRIGGER "UsageEvent_day_update" AFTER UPDATE ON "UsageEvent"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION lumi_usage_day();
CREATE TRIGGER "UsageEvent_day_delete" AFTER DELETE ON "UsageEvent" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION lumi_usage_day();

INSERT INTO "UsageDay" ("classId", "day", "userId", "model", "bucket", "promptTokens", "completionTokens",
  "costMicros", "events")
SELECT "classId", "createdAt"::date, coalesce("userId", ''), "model", coalesce("mode"::text, "kind"::text),
  sum("promptTokens"), sum("completionTokens"), sum("costMicros"), count(*)
FROM "UsageEvent" WHERE "classId" IS NOT NULL GROUP BY 1, 2, 3, 4, 5;
