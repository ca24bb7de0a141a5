-- CreateTable
CREATE TABLE "RateLimitLog" (
    "key" TEXT NOT NULL,
    "hits" TIMESTAMP(3)[] DEFAULT ARRAY[]::TIMESTAMP(3)[],
    "lockedUntil" TIMESTAMP(3),

    CONSTRAINT "RateLimitLog_pkey" PRIMARY KEY ("key")
);
