-- CreateEnum
CREATE TYPE "AccessAction" AS ENUM ('TRANSCRIPT_VIEW', 'EXPORT_USAGE', 'EXPORT_ROSTER', 'EXPORT_FLAGS', 'EXPORT_TRANSCRIPTS', 'STUDENT_EXPORT', 'STUDENT_DELETE');

-- Class search (the teacher's dashboard). Words are indexed as they are; Chinese, Japanese and Korean runs have no
-- spaces between words, so they are indexed as overlapping character pairs, with a run's last character also alone:
-- a two-character word is then found anywhere inside a sentence, in any database locale, through one GIN index.
CREATE FUNCTION lumi_cjk_pairs(body text) RETURNS tsvector
LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS $fn$
  SELECT coalesce(string_agg('''' || pair || ''':' || least(pos, 16383), ' ')::tsvector, ''::tsvector)
  FROM (
    SELECT substr(m.match[1], i, 2) AS pair, (row_number() OVER (ORDER BY m.k, i) + m.k)::int AS pos
    FROM regexp_matches(body, '[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af]+', 'g')
      WITH ORDINALITY AS m(match, k)
    CROSS JOIN LATERAL generate_series(1, length(m.match[1])) AS i
  ) pairs
$fn$;

CREATE FUNCTION lumi_search_vector(body text) RETURNS tsvector
LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS $fn$
  SELECT to_tsvector('simple'::regconfig,
           regexp_replace(body, '[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af]+', ' ', 'g'))
         || lumi_cjk_pairs(body)
$fn$;

-- What a teacher types, tokenised the same way: every word as a prefix, every Chinese run as a phrase of its pairs
-- (a single character as a prefix), all of them required. NULL when nothing searchable is left.
CREATE FUNCTION lumi_search_query(q text) RETURNS tsquery
LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS $fn$
  SELECT nullif(string_agg(part, ' & '), '')::tsquery
  FROM (
    SELECT '''' || replace(replace(w, '\', '\\'), '''', '''''') || ''':*' AS part
    FROM unnest(tsvector_to_array(to_tsvector('simple'::regconfig,
           regexp_replace(q, '[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af]+', ' ', 'g')))) AS w
    UNION ALL
    SELECT CASE WHEN length(m.match[1]) = 1 THEN '''' || m.match[1] || ''':*'
      ELSE '(' || (SELECT string_agg('''' || substr(m.match[1], i, 2) || '''', ' <-> ' ORDER BY i)
                   FROM generate_series(1, length(m.match[1]) - 1) AS i) || ')' END
    FROM regexp_matches(q, '[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af]+', 'g') AS m(match)
  ) parts
$fn$;

-- AlterTable
ALTER TABLE "Message" ADD COLUMN "searchVector" tsvector GENERATED ALWAYS AS (lumi_search_vector("content")) STORED;

-- CreateIndex
CREATE INDEX "Message_searchVector_idx" ON "Message" USING GIN ("searchVector");

-- CreateIndex (the open-flags queue of a class)
CREATE INDEX "ModerationFlag_classId_reviewedAt_idx" ON "ModerationFlag"("classId", "reviewedAt");

-- AlterTable
ALTER TABLE "ModerationFlag" ADD COLUMN     "reviewedById" TEXT;

-- CreateTable
CREATE TABLE "AccessLog" (
    "id" TEXT NOT NULL,
    "actorId" TEXT NOT NULL,
    "action" "AccessAction" NOT NULL,
    "classId" TEXT,
    "studentId" TEXT,
    "conversationId" TEXT,
    "detail" TEXT NOT NULL DEFAULT '',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AccessLog_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "AccessLog_createdAt_idx" ON "AccessLog"("createdAt");

-- CreateIndex
CREATE INDEX "AccessLog_studentId_createdAt_idx" ON "AccessLog"("studentId", "createdAt");

-- AddForeignKey
ALTER TABLE "ModerationFlag" ADD CONSTRAINT "ModerationFlag_reviewedById_fkey" FOREIGN KEY ("reviewedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;
