-- AlterTable
ALTER TABLE "Message" ADD COLUMN     "reservedMicros" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "InstallationSettings" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "spendCapDayMicros" BIGINT,
    "spendCapMonthMicros" BIGINT,
    "teacherSpendCapDayMicros" BIGINT,
    "teacherSpendCapMonthMicros" BIGINT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "InstallationSettings_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TeacherSpendCap" (
    "teacherId" TEXT NOT NULL,
    "dayMicros" BIGINT,
    "monthMicros" BIGINT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "TeacherSpendCap_pkey" PRIMARY KEY ("teacherId")
);

-- CreateTable
CREATE TABLE "SpendLedger" (
    "scope" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "daySpentMicros" BIGINT NOT NULL DEFAULT 0,
    "dayReservedMicros" BIGINT NOT NULL DEFAULT 0,
    "dayCapMicros" BIGINT,
    "month" DATE NOT NULL,
    "monthSpentMicros" BIGINT NOT NULL DEFAULT 0,
    "monthReservedMicros" BIGINT NOT NULL DEFAULT 0,
    "monthCapMicros" BIGINT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SpendLedger_pkey" PRIMARY KEY ("scope")
);

-- AddForeignKey
ALTER TABLE "TeacherSpendCap" ADD CONSTRAINT "TeacherSpendCap_teacherId_fkey" FOREIGN KEY ("teacherId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
