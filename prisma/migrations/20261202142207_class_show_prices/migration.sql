-- AlterTable
ALTER TABLE "Class" ADD COLUMN     "showPricesToStudents" BOOLEAN NOT NULL DEFAULT false;
