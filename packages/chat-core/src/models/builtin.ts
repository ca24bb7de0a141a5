import type { ModelEntry } from './model-entry';

// Public OpenAI list prices (USD per 1M tokens) and limits.
const modern = {
  encoding: 'o200k_base',
  messageOverhead: 3,
  capabilities: { streaming: true, jsonSchema: true },
  legacy: false,
  offline: false,
} as const;

const GPT_41 = { contextWindow: 1_047_576, maxOutput: 32_768 } as const;
const GPT_5 = { contextWindow: 400_000, maxOutput: 128_000 } as const;
const GPT_4O = { contextWindow: 128_000, maxOutput: 16_384 } as const;

export const BUILTIN_MODELS: readonly ModelEntry[] = [
  {
    ...modern,
    ...GPT_4O,
    id: 'gpt-4o-mini',
    label: 'GPT-4o mini',
    prices: { input: 0.15, output: 0.6, cachedInput: 0.075 },
    strengths: ['chat'],
  },
  {
    ...modern,
    ...GPT_4O,
    id: 'gpt-4o',
    label: 'GPT-4o',
    prices: { input: 2.5, output: 10, cachedInput: 1.25 },
    strengths: ['chat', 'long-text'],
  },
  {
    ...modern,
    ...GPT_41,
    id: 'gpt-4.1',
    label: 'GPT-4.1',
    prices: { input: 2, output: 8, cachedInput: 0.5 },
    strengths: ['chat', 'long-text', 'code'],
  },
  {
    ...modern,
    ...GPT_41,
    id: 'gpt-4.1-mini',
    label: 'GPT-4.1 mini',
    prices: { input: 0.4, output: 1.6, cachedInput: 0.1 },
    strengths: ['chat', 'long-text', 'code'],
  },
  {
    ...modern,
    ...GPT_41,
    id: 'gpt-4.1-nano',
    label: 'GPT-4.1 nano',
    prices: { input: 0.1, output: 0.4, cachedInput: 0.025 },
    strengths: ['chat', 'long-text'],
  },
  {
    ...modern,
    ...GPT_5,
    id: 'gpt-5',
    label: 'GPT-5',
    prices: { input: 1.25, output: 10, cachedInput: 0.125 },
    strengths: ['chat', 'long-text', 'code'],
  },
  {
    ...modern,
    ...GPT_5,
    id: 'gpt-5-mini',
    label: 'GPT-5 mini',
    prices: { input: 0.25, output: 2, cachedInput: 0.025 },
    strengths: ['chat', 'long-text', 'code'],
  },
  {
    ...modern,
    ...GPT_5,
    id: 'gpt-5-nano',
    label: 'GPT-5 nano',
    prices: { input: 0.05, output: 0.4, cachedInput: 0.005 },
    strengths: ['chat'],
  },
  {
    ...modern,
    id: 'gpt-3.5-turbo',
    label: 'GPT-3.5 Turbo (legacy)',
    encoding: 'cl100k_base',
    messageOverhead: 4,
    contextWindow: 16_385,
    maxOutput: 4_096,
    prices: { input: 0.5, output: 1.5, cachedInput: null },
    capabilities: { streaming: true, jsonSchema: false },
    strengths: [],
    legacy: true,
  },
  {
    ...modern,
    id: 'gpt-3.5-turbo-16k',
    label: 'GPT-3.5 Turbo 16k (legacy)',
    encoding: 'cl100k_base',
    messageOverhead: 4,
    contextWindow: 16_385,
    maxOutput: 4_096,
    prices: { input: 3, output: 4, cachedInput: null },
    capabilities: { streaming: true, jsonSchema: false },
    strengths: [],
    legacy: true,
  },
  {
    ...modern,
    id: 'lumi-demo',
    label: 'Lumi demo tutor (offline)',
    contextWindow: 32_768,
    maxOutput: 4_096,
    prices: { input: 0, output: 0, cachedInput: 0 },
    // It answers Lumi's own structured questions (language-practice feedback), and only those.
    capabilities: { streaming: true, jsonSchema: true },
    strengths: ['chat'],
    offline: true,
  },
];
