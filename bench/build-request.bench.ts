// Building a request from a 2,000-message history, with stored token counts (the production path) and without
// (every turn counted on the fly), for contrast. Target with stored counts: median under 2 ms.
// Run: npx tsx bench/build-request.bench.ts
import { performance } from 'node:perf_hooks';
import {
  buildRequest,
  buildSystemPrompt,
  countMessageTokens,
  loadCatalog,
  tokenCountFormat,
  type BuildRequestInput,
  type HistoryMessage,
} from '@lumi/chat-core';

const MESSAGES = 2_000;
const MODEL = 'gpt-4o-mini';

const SAMPLES = [
  'Can you help me understand why the sum of the angles in a triangle is always 180 degrees? I tried drawing a few.',
  'Good question! What happens if you tear off the three corners of a paper triangle and put them side by side?',
  '老师说光合作用需要阳光、水和二氧化碳，那晚上植物还会呼吸吗？为什么叶子是绿色的？',
  'function average(xs) {\n  let total = 0;\n  for (const x of xs) total += x;\n  return total / xs.length;\n}\n// why NaN for []?',
  'I think the answer is 3/4 + 1/8 = 4/12 but my teacher marked it wrong 😕 can you check?',
  'Let us look at the denominators first: what number can both 4 and 8 divide into evenly? Try it and tell me.',
];

function history(): HistoryMessage[] {
  return Array.from({ length: MESSAGES }, (_, i) => ({
    id: `m${i}`,
    role: i % 2 === 0 ? 'user' : 'assistant',
    // Vary each turn so the tokenizer's merge cache does not turn every count into a lookup.
    content: `${SAMPLES[i % SAMPLES.length]} (turn ${i}, ${(i * 7919) % 104_729})`.repeat(1 + (i % 4)),
  }));
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
};

function measure(label: string, input: BuildRequestInput, runs: number) {
  buildRequest(input); // warm-up: loads the encoding and fills caches
  const times: number[] = [];
  let result = buildRequest(input);
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    result = buildRequest(input);
    times.push(performance.now() - start);
  }
  console.log(
    `${label}: median ${percentile(times, 50).toFixed(3)} ms, p95 ${percentile(times, 95).toFixed(3)} ms over ${runs} runs ` +
      `(${result.includedIds.length} turns / ${result.promptTokens.toLocaleString('en-US')} tokens sent, ` +
      `${result.omitted.ids.length} turns / ${result.omitted.tokens.toLocaleString('en-US')} tokens omitted)`,
  );
}

const catalog = loadCatalog({ env: {} });
const model = catalog.require(MODEL);
const turns = history();
const stored = turns.map((m) => ({
  ...m,
  tokenCount: countMessageTokens(m, model),
  tokenCountFormat: tokenCountFormat(model),
}));
const base = {
  model: MODEL,
  catalog,
  systemPrompt: buildSystemPrompt({
    mode: 'MATHS',
    rules: ['guide-dont-answer', 'encourage'],
    instructions: 'Year 7 class.',
  }),
  summary: { text: 'The student is working on fractions and triangle angles.' },
  maxTokens: 4_096,
};

console.log(
  `${MESSAGES}-message history, ${MODEL} (window ${model.contextWindow.toLocaleString('en-US')}), reply reserve ${base.maxTokens}`,
);
measure('with stored counts   ', { ...base, history: stored }, 500);
measure('without stored counts', { ...base, history: turns }, 20);
measure('stored, maxHistoryTokens 8,000', { ...base, history: stored, maxHistoryTokens: 8_000 }, 500);
