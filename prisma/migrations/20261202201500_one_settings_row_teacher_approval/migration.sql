-- A teacher who signs up waits for an admin's approval before creating classes or spending. Every account that
-- exists today keeps working.
ALTER TABLE "User" ADD COLUMN "pendingApproval" BOOLEAN NOT NULL DEFAULT false;

-- One settings row for the school: SchoolSettings (retention) moves into InstallationSettings (caps).
ALTER TABLE "InstallationSettings" ADD COLUMN "messageRetentionDays" INTEGER,
ADD COLUMN "retentionLastRunAt" TIMESTAMP(3),
ADD COLUMN "retentionLastRemoved" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN "capsSavedAt" TIMESTAMP(3),
ADD COLUMN "personalModels" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- A caps row that exists was saved: its caps (even null ones) stay in force over the environment's defaults.
UPDATE "InstallationSettings" SET "capsSavedAt" = "updatedAt";

INSERT INTO "InstallationSettings" ("id", "messageRetentionDays", "retentionLastRunAt", "retentionLastRemoved", "updatedAt")
SELECT "id", "messageRetentionDays", "retentionLastRunAt", "retentionLastRemoved", "updatedAt"
FROM "SchoolSettings" WHERE "id" = 1
ON CONFLICT ("id") DO UPDATE SET
  "messageRetentionDays" = EXCLUDED."messageRetentionDays",
  "retentionLastRunAt" = EXCLUDED."retentionLastRunAt",
  "retentionLastRemoved" = EXCLUDED."retentionLastRemoved";

DROP TABLE "SchoolSettings";
