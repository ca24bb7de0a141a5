-- AlterTable
ALTER TABLE "PracticeAttempt" ADD COLUMN     "teacherGradedAt" TIMESTAMP(3),
ADD COLUMN     "teacherGradedById" TEXT,
ADD COLUMN     "teacherNote" TEXT,
ADD COLUMN     "teacherScore" INTEGER;

-- CreateTable
CREATE TABLE "PracticeGradeChange" (
    "id" TEXT NOT NULL,
    "attemptId" TEXT NOT NULL,
    "actorId" TEXT NOT NULL,
    "actorRole" "Role" NOT NULL,
    "score" INTEGER,
    "note" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PracticeGradeChange_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "PracticeGradeChange_attemptId_createdAt_idx" ON "PracticeGradeChange"("attemptId", "createdAt");

-- AddForeignKey
ALTER TABLE "PracticeGradeChange" ADD CONSTRAINT "PracticeGradeChange_attemptId_fkey" FOREIGN KEY ("attemptId") REFERENCES "PracticeAttempt"("id") ON DELETE CASCADE ON UPDATE CASCADE;
