// A keyword-scored stand-in for /v1/moderations: enough for tests to see flagged and clean inputs.
const categoryKeywords: Record<string, RegExp> = {
  harassment: /\b(idiot|stupid|loser)\b/i,
  'harassment/threatening': /\b(i will|i'm going to) (hurt|kill)\b/i,
  hate: /\bhate (all|every)\b/i,
  'hate/threatening': /(?!)/,
  illicit: /\b(steal|shoplift)\b/i,
  'illicit/violent': /\b(build|make) (a )?(bomb|gun)\b/i,
  'self-harm': /\b(self[- ]harm|hurt myself|kill myself)\b/i,
  'self-harm/intent': /\b(want to|going to) (hurt|kill) myself\b/i,
  'self-harm/instructions': /(?!)/,
  sexual: /\bsexual\b/i,
  'sexual/minors': /(?!)/,
  violence: /\b(kill|shoot|stab)\b/i,
  'violence/graphic': /\bgore\b/i,
};

export function moderate(input: string) {
  const scores: Record<string, number> = {};
  const flags: Record<string, boolean> = {};
  for (const [category, pattern] of Object.entries(categoryKeywords)) {
    const hit = pattern.test(input);
    scores[category] = hit ? 0.97 : 0.0001;
    flags[category] = hit;
  }
  return { flagged: Object.values(flags).some(Boolean), categories: flags, category_scores: scores };
}
