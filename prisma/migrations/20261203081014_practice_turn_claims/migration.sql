-- AlterTable: a send claims its roleplay turn here first, so sends racing for the last turn cannot both pass the limit.
ALTER TABLE "PracticeAttempt" ADD COLUMN     "turnClaims" TIMESTAMP(3)[] DEFAULT ARRAY[]::TIMESTAMP(3)[];
