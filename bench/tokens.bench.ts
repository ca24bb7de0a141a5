// Token counting throughput: Lumi's countTokens (gpt-tokenizer, chunked) against the tiktoken WASM package, on
// English and Chinese prose and on chat-sized messages, cold (fresh encoding, empty caches) and warm.
// Run: npx tsx bench/tokens.bench.ts
import { performance } from 'node:perf_hooks';

const WARM_ROUNDS = 5;

/** Deterministic pseudo-random numbers so every run counts the same corpus. */
function rng(seed: number) {
  return () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
}

const EN_WORDS = (
  'the student asked why plants need light and the tutor explained that photosynthesis turns water carbon dioxide ' +
  'and sunlight into sugar which the plant uses as food while oxygen is released into the air we breathe every ' +
  'fraction has a numerator and a denominator so to add them you first find a common denominator then add the tops ' +
  'history shows how people lived long ago and why cities grew near rivers where farming trade and travel were easier'
).split(' ');
const ZH_PHRASES = [
  '植物需要阳光',
  '光合作用把水和二氧化碳变成糖',
  '同时释放氧气',
  '分数有分子和分母',
  '先找到公分母再相加',
  '古代城市常常建在河流附近',
  '因为那里方便耕种和贸易',
  '老师鼓励学生多提问',
  '我们一起来想一想',
  '这个问题很有意思',
];

function englishProse(chars: number, next: () => number): string {
  const parts: string[] = [];
  let length = 0;
  while (length < chars) {
    const sentence = Array.from(
      { length: 8 + Math.floor(next() * 12) },
      () => EN_WORDS[Math.floor(next() * EN_WORDS.length)],
    ).join(' ');
    const text = sentence[0]!.toUpperCase() + sentence.slice(1) + (next() < 0.2 ? '?\n\n' : '. ');
    parts.push(text);
    length += text.length;
  }
  return parts.join('');
}

function chineseProse(chars: number, next: () => number): string {
  const parts: string[] = [];
  let length = 0;
  while (length < chars) {
    const clause = ZH_PHRASES[Math.floor(next() * ZH_PHRASES.length)]!;
    const text = clause + (next() < 0.3 ? '。' : '，');
    parts.push(text);
    length += text.length;
  }
  return parts.join('');
}

interface Counter {
  name: string;
  /** Loads the encoding; timed as part of the cold run. */
  load(): Promise<(text: string) => number>;
}

const counters: Counter[] = [
  {
    name: 'lumi countTokens (gpt-tokenizer)',
    async load() {
      const { countTokens } = await import('@lumi/chat-core');
      countTokens('', 'gpt-4o'); // first call loads o200k_base
      return (text) => countTokens(text, 'gpt-4o');
    },
  },
  {
    name: 'tiktoken (WASM)',
    async load() {
      const { get_encoding } = await import('tiktoken');
      const encoding = get_encoding('o200k_base');
      return (text) => encoding.encode_ordinary(text).length;
    },
  },
];

function time<T>(fn: () => T): { ms: number; value: T } {
  const start = performance.now();
  const value = fn();
  return { ms: performance.now() - start, value };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const mtps = (tokens: number, ms: number) => (tokens / ms / 1000).toFixed(2);

async function main() {
  const next = rng(42);
  const corpora = {
    english: englishProse(300_000, next),
    chinese: chineseProse(100_000, next),
    'chat messages (2,000 x ~150 chars)': Array.from({ length: 2_000 }, (_, i) =>
      i % 3 === 2 ? chineseProse(60, next) : englishProse(150, next),
    ),
  };

  console.log(`o200k_base, ${WARM_ROUNDS} warm rounds (median). Throughput in million tokens/s.\n`);
  console.log(['counter', 'corpus', 'tokens', 'load ms', 'cold M tok/s', 'warm M tok/s'].join(' | '));
  const totals = new Map<string, number>();
  for (const counter of counters) {
    const loadStart = performance.now();
    const count = await counter.load();
    const loadMs = (performance.now() - loadStart).toFixed(0);
    for (const [name, corpus] of Object.entries(corpora)) {
      const run = () =>
        typeof corpus === 'string' ? count(corpus) : corpus.reduce((sum, text) => sum + count(text), 0);
      const cold = time(run);
      const warm = median(Array.from({ length: WARM_ROUNDS }, () => time(run).ms));
      if (totals.has(name) && totals.get(name) !== cold.value)
        console.warn(`  !! token counts differ on ${name}: ${totals.get(name)} vs ${cold.value}`);
      totals.set(name, cold.value);
      const firstRow = name === 'english';
      console.log(
        [
          counter.name,
          name,
          cold.value.toLocaleString('en-US'),
          firstRow ? loadMs : '',
          mtps(cold.value, cold.ms),
          mtps(cold.value, warm),
        ].join(' | '),
      );
    }
  }

  const { countTokens } = await import('@lumi/chat-core');
  const pathological = time(() => countTokens('a'.repeat(50_000), 'gpt-4o'));
  console.log(`\n50,000 x "a": ${pathological.value} tokens in ${pathological.ms.toFixed(1)} ms (chunked)`);
}

await main();
