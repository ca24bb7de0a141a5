-- AlterEnum: search results and the flags queue show students' own words, so reading them is logged too.
ALTER TYPE "AccessAction" ADD VALUE 'SEARCH_RESULTS';
ALTER TYPE "AccessAction" ADD VALUE 'FLAG_EXCERPTS';
