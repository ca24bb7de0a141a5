-- Message.classId: the session's class, copied onto each message as it is written (a session keeps its class), so
-- the teacher's search can read a class's messages newest first and stop at the end of the page: a common word
-- ("the" prefix-matches hundreds of thousands of messages school-wide, which the GIN index must collect whole
-- before it can intersect them with the class's lexeme) is met within the class's newest few hundred messages.
ALTER TABLE "Message" ADD COLUMN "classId" TEXT;

CREATE FUNCTION lumi_message_class() RETURNS trigger
LANGUAGE plpgsql AS $fn$
BEGIN
  NEW."classId" := (SELECT c."classId" FROM "Conversation" c WHERE c."id" = NEW."conversationId");
  RETURN NEW;
END
$fn$;

CREATE TRIGGER "Message_classId" BEFORE INSERT ON "Message"
FOR EACH ROW EXECUTE FUNCTION lumi_message_class();

-- Existing messages get theirs; the GIN index is rebuilt once instead of updated row by row.
DROP INDEX "Message_searchVector_idx";
UPDATE "Message" m SET "classId" = c."classId"
FROM "Conversation" c
WHERE c."id" = m."conversationId" AND c."classId" IS NOT NULL;
CREATE INDEX "Message_searchVector_idx" ON "Message" USING GIN ("searchVector");

-- CreateIndex
CREATE INDEX "Message_classId_createdAt_id_idx" ON "Message"("classId", "createdAt", "id");
