-- AlterEnum
ALTER TYPE "UsageKind" ADD VALUE 'INSIGHT';

-- CreateTable
CREATE TABLE "ClassInsight" (
    "id" TEXT NOT NULL,
    "classId" TEXT NOT NULL,
    "weekStart" DATE NOT NULL,
    "language" "UiLanguage" NOT NULL,
    "requestedById" TEXT NOT NULL,
    "model" TEXT NOT NULL,
    "content" JSONB NOT NULL,
    "messageCount" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ClassInsight_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ClassInsight_classId_weekStart_language_key" ON "ClassInsight"("classId", "weekStart", "language");

-- AddForeignKey
ALTER TABLE "ClassInsight" ADD CONSTRAINT "ClassInsight_classId_fkey" FOREIGN KEY ("classId") REFERENCES "Class"("id") ON DELETE CASCADE ON UPDATE CASCADE;
