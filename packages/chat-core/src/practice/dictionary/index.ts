// Server-side only (not in browser.ts): the table is 5 MB of text.
export { compactGlosses } from './cedict';
export { glossOf } from './glossary';
