-- One error vocabulary (packages/api/src/errors/codes.ts): the model provider's codes, stored on replies that
-- failed, become upper case with a PROVIDER_ prefix, so an upstream 429 (PROVIDER_RATE_LIMITED) is no longer
-- spelled like a student sending too fast (RATE_LIMITED).
UPDATE "Message"
SET "errorCode" = CASE "errorCode"
    WHEN 'bad_key' THEN 'PROVIDER_BAD_KEY'
    WHEN 'quota' THEN 'PROVIDER_QUOTA'
    WHEN 'rate_limited' THEN 'PROVIDER_RATE_LIMITED'
    WHEN 'context_too_long' THEN 'PROVIDER_CONTEXT_TOO_LONG'
    WHEN 'timeout' THEN 'PROVIDER_TIMEOUT'
    WHEN 'network' THEN 'PROVIDER_NETWORK'
    WHEN 'malformed' THEN 'PROVIDER_MALFORMED'
    WHEN 'upstream' THEN 'PROVIDER_ERROR'
    WHEN 'aborted' THEN 'ABORTED'
  END
WHERE "errorCode" IN ('bad_key', 'quota', 'rate_limited', 'context_too_long', 'timeout', 'network', 'malformed',
  'upstream', 'aborted');
