-- CreateIndex
CREATE INDEX "ModerationFlag_conversationId_idx" ON "ModerationFlag"("conversationId");
