-- Message.searchVector was a generated column: every write of a streaming reply's text so far (a flush, several a
-- second per reply) recomputed the vector and rewrote its GIN entries, the largest database write at school scale.
-- It becomes a plain column set by triggers only when the text is settled: null while the reply streams, computed
-- once when it completes, stops or fails (or when settled text changes: an edit, the retention job emptying it).
-- Rows keep the vectors they have.
ALTER TABLE "Message" ALTER COLUMN "searchVector" DROP EXPRESSION;

CREATE FUNCTION lumi_message_search_vector() RETURNS trigger
LANGUAGE plpgsql AS $fn$
BEGIN
  NEW."searchVector" := CASE WHEN NEW."status" = 'STREAMING' THEN NULL ELSE lumi_search_vector(NEW."content") END;
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
