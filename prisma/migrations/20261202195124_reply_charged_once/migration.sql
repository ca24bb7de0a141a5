-- A reply is charged once: its usage row is unique, so whoever records it (the settle, or the close of a reply
-- orphaned by a node that died) charges the budget, and nobody charges twice. The prompt tokens are kept on the reply
-- for that close, since the provider's counts die with the node.
/*
  Warnings:

  - A unique constraint covering the columns `[messageId]` on the table `UsageEvent` will be added. If there are existing duplicate values, this will fail.

*/
-- AlterTable
ALTER TABLE "Message" ADD COLUMN     "promptTokens" INTEGER NOT NULL DEFAULT 0;

-- CreateIndex
CREATE UNIQUE INDEX "UsageEvent_messageId_key" ON "UsageEvent"("messageId");
