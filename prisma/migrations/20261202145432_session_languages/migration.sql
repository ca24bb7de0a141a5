-- AlterTable
ALTER TABLE "Conversation" ADD COLUMN     "sourceLanguage" TEXT,
ADD COLUMN     "targetLanguage" TEXT;
