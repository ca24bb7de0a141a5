-- AlterTable
ALTER TABLE "BudgetDay" ADD COLUMN     "extraTokens" INTEGER NOT NULL DEFAULT 0;
