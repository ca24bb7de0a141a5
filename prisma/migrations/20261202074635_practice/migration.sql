-- CreateEnum
CREATE TYPE "PracticeKind" AS ENUM ('ROLEPLAY', 'DRILL');

-- CreateEnum
CREATE TYPE "PracticeStatus" AS ENUM ('IN_PROGRESS', 'FINISHED');

-- CreateEnum
CREATE TYPE "FeedbackStatus" AS ENUM ('PENDING', 'READY', 'UNAVAILABLE');

-- AlterTable
ALTER TABLE "UsageEvent" ADD COLUMN     "attemptId" TEXT;

-- CreateTable
CREATE TABLE "PracticeExercise" (
    "id" TEXT NOT NULL,
    "authorId" TEXT NOT NULL,
    "kind" "PracticeKind" NOT NULL,
    "spec" JSONB NOT NULL,
    "title" TEXT NOT NULL,
    "targetLanguage" TEXT NOT NULL,
    "level" TEXT NOT NULL,
    "archivedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PracticeExercise_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PracticeAssignment" (
    "id" TEXT NOT NULL,
    "classId" TEXT NOT NULL,
    "createdById" TEXT NOT NULL,
    "kind" "PracticeKind" NOT NULL,
    "exerciseRef" TEXT NOT NULL,
    "exerciseId" TEXT,
    "spec" JSONB NOT NULL,
    "title" TEXT NOT NULL,
    "dueAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PracticeAssignment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PracticeAttempt" (
    "id" TEXT NOT NULL,
    "studentId" TEXT NOT NULL,
    "classId" TEXT,
    "assignmentId" TEXT,
    "kind" "PracticeKind" NOT NULL,
    "exerciseRef" TEXT NOT NULL,
    "spec" JSONB NOT NULL,
    "title" TEXT NOT NULL,
    "uiLanguage" "UiLanguage" NOT NULL,
    "feedbackEachTurn" BOOLEAN NOT NULL DEFAULT true,
    "conversationId" TEXT,
    "status" "PracticeStatus" NOT NULL DEFAULT 'IN_PROGRESS',
    "endReason" TEXT,
    "report" JSONB,
    "taskCompletion" INTEGER,
    "accuracy" INTEGER,
    "vocabularyRange" INTEGER,
    "fluency" INTEGER,
    "estimatedLevel" TEXT,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PracticeAttempt_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TurnFeedback" (
    "id" TEXT NOT NULL,
    "attemptId" TEXT NOT NULL,
    "messageId" TEXT NOT NULL,
    "turnIndex" INTEGER NOT NULL,
    "status" "FeedbackStatus" NOT NULL DEFAULT 'PENDING',
    "verdict" TEXT,
    "corrections" JSONB NOT NULL DEFAULT '[]',
    "corrected" TEXT,
    "objectivesMet" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "reason" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "TurnFeedback_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DrillAnswer" (
    "id" TEXT NOT NULL,
    "attemptId" TEXT NOT NULL,
    "itemIndex" INTEGER NOT NULL,
    "answer" TEXT NOT NULL,
    "status" "FeedbackStatus" NOT NULL DEFAULT 'PENDING',
    "gradedBy" TEXT,
    "score" INTEGER,
    "corrections" JSONB NOT NULL DEFAULT '[]',
    "better" TEXT,
    "alternatives" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "comment" TEXT,
    "reason" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "DrillAnswer_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "PracticeExercise_authorId_archivedAt_idx" ON "PracticeExercise"("authorId", "archivedAt");

-- CreateIndex
CREATE INDEX "PracticeAssignment_classId_createdAt_idx" ON "PracticeAssignment"("classId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "PracticeAttempt_conversationId_key" ON "PracticeAttempt"("conversationId");

-- CreateIndex
CREATE INDEX "PracticeAttempt_studentId_startedAt_idx" ON "PracticeAttempt"("studentId", "startedAt");

-- CreateIndex
CREATE INDEX "PracticeAttempt_assignmentId_studentId_idx" ON "PracticeAttempt"("assignmentId", "studentId");

-- CreateIndex
CREATE UNIQUE INDEX "TurnFeedback_messageId_key" ON "TurnFeedback"("messageId");

-- CreateIndex
CREATE INDEX "TurnFeedback_attemptId_turnIndex_idx" ON "TurnFeedback"("attemptId", "turnIndex");

-- CreateIndex
CREATE UNIQUE INDEX "DrillAnswer_attemptId_itemIndex_key" ON "DrillAnswer"("attemptId", "itemIndex");

-- CreateIndex
CREATE INDEX "UsageEvent_attemptId_idx" ON "UsageEvent"("attemptId");

-- AddForeignKey
ALTER TABLE "UsageEvent" ADD CONSTRAINT "UsageEvent_attemptId_fkey" FOREIGN KEY ("attemptId") REFERENCES "PracticeAttempt"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PracticeExercise" ADD CONSTRAINT "PracticeExercise_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PracticeAssignment" ADD CONSTRAINT "PracticeAssignment_classId_fkey" FOREIGN KEY ("classId") REFERENCES "Class"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PracticeAssignment" ADD CONSTRAINT "PracticeAssignment_exerciseId_fkey" FOREIGN KEY ("exerciseId") REFERENCES "PracticeExercise"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PracticeAttempt" ADD CONSTRAINT "PracticeAttempt_studentId_fkey" FOREIGN KEY ("studentId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PracticeAttempt" ADD CONSTRAINT "PracticeAttempt_classId_fkey" FOREIGN KEY ("classId") REFERENCES "Class"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PracticeAttempt" ADD CONSTRAINT "PracticeAttempt_assignmentId_fkey" FOREIGN KEY ("assignmentId") REFERENCES "PracticeAssignment"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PracticeAttempt" ADD CONSTRAINT "PracticeAttempt_conversationId_fkey" FOREIGN KEY ("conversationId") REFERENCES "Conversation"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TurnFeedback" ADD CONSTRAINT "TurnFeedback_attemptId_fkey" FOREIGN KEY ("attemptId") REFERENCES "PracticeAttempt"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TurnFeedback" ADD CONSTRAINT "TurnFeedback_messageId_fkey" FOREIGN KEY ("messageId") REFERENCES "Message"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DrillAnswer" ADD CONSTRAINT "DrillAnswer_attemptId_fkey" FOREIGN KEY ("attemptId") REFERENCES "PracticeAttempt"("id") ON DELETE CASCADE ON UPDATE CASCADE;
