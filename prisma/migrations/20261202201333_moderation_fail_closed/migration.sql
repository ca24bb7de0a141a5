-- AlterTable
ALTER TABLE "Class" ADD COLUMN     "moderationFailClosed" BOOLEAN NOT NULL DEFAULT true;
