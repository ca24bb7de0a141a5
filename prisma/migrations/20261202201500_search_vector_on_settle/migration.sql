-- Message.searchVector was a generated column: every write of a streaming reply's text so far (a flush, several a
-- second per reply) recomputed the vector and rewrote its GIN entries, the largest database write at school scale.
-- It becomes a plain column set by triggers only when the text is settled: null while the reply streams (and for
-- empty text), computed once when it completes, stops or fails, or when settled text changes (an edit, the
-- retention job emptying it).
--
-- The vector also carries one lexeme naming the session's class ('#class <id>': a space, which no searched word
-- can hold). The teacher's search asks the GIN index for its words AND that lexeme, so it reads only the class's
-- matches instead of the whole school's (a common word matched 66,000 messages of 1,000,000 to keep 1,700).
ALTER TABLE "Message" ALTER COLUMN "searchVector" DROP EXPRESSION;

CREATE FUNCTION lumi_class_lexeme(class_id text) RETURNS tsvector
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $fn$
  SELECT CASE WHEN class_id IS NULL THEN ''::tsvector ELSE array_to_tsvector(ARRAY['#class ' || class_id]) END
$fn$;

CREATE FUNCTION lumi_class_query(class_id text) RETURNS tsquery
LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS $fn$
  SELECT ('''#class ' || replace(replace(class_id, '\', '\\'), '''', '''''') || '''')::tsquery
$fn$;

CREATE FUNCTION lumi_message_search_vector() RETURNS trigger
LANGUAGE plpgsql AS $fn$
BEGIN
  IF NEW."status" = 'STREAMING' OR NEW."content" = '' THEN
    NEW."searchVector" := NULL;
  ELSE
    NEW."searchVector" := lumi_search_vector(NEW."content")
      || lumi_class_lexeme((SELECT c."classId" FROM "Conversation" c WHERE c."id" = NEW."conversationId"));
  END IF;
  RETURN NEW;
END
$fn$;

-- The WHEN clauses keep the function from running at all for a flush (still streaming, nothing indexed yet).
CREATE TRIGGER "Message_searchVector_insert" BEFORE INSERT ON "Message"
FOR EACH ROW WHEN (NEW."status" <> 'STREAMING')
EXECUTE FUNCTION lumi_message_search_vector();

CREATE TRIGGER "Message_searchVector_update" BEFORE UPDATE OF "content", "status" ON "Message"
FOR EACH ROW WHEN (
  (NEW."status" <> 'STREAMING' AND (OLD."status" = 'STREAMING' OR OLD."content" IS DISTINCT FROM NEW."content"))
  OR (NEW."status" = 'STREAMING' AND OLD."searchVector" IS NOT NULL)
)
EXECUTE FUNCTION lumi_message_search_vector();

-- Existing vectors get their class lexeme; the GIN index is rebuilt once instead of updated row by row.
DROP INDEX "Message_searchVector_idx";
UPDATE "Message" m SET "searchVector" = m."searchVector" || lumi_class_lexeme(c."classId")
FROM "Conversation" c
WHERE c."id" = m."conversationId" AND c."classId" IS NOT NULL AND m."searchVector" IS NOT NULL;
CREATE INDEX "Message_searchVector_idx" ON "Message" USING GIN ("searchVector");
