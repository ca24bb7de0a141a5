-- CreateEnum
CREATE TYPE "InsightStatus" AS ENUM ('PENDING', 'READY');

-- AlterTable: a request claims the class's week by inserting a PENDING row first; others wait for it.
ALTER TABLE "ClassInsight" ADD COLUMN "status" "InsightStatus" NOT NULL DEFAULT 'READY',
ALTER COLUMN "content" DROP NOT NULL;
