// Random text in the shapes students send: English, Chinese, code, emoji, whitespace runs, special-token lookalikes.
import fc from 'fast-check';

const fragments = [
  'Hello',
  ' world',
  "don't",
  ' I',
  "'ll",
  ' try',
  '.',
  ',',
  '!',
  '?',
  ' ',
  '  ',
  '\n',
  '\n\n',
  '\t',
  '你好',
  '光合作用',
  '是',
  '什么',
  '。',
  '，',
  '“',
  '”',
  '：',
  'const x = 42;',
  '() => {',
  '}',
  '[1, 2, 3]',
  '==',
  '//',
  'x_1',
  'camelCase',
  'HTTPServer',
  '😀',
  '👍🏽',
  '🇨🇳',
  '1234567',
  '3.14',
  'é',
  'e\u0301',
  '<|endoftext|>',
  '<|im_start|>',
  '  \n ',
];

export const mixedText = (maxLength = 30) =>
  fc
    .array(
      fc.oneof(
        fc.constantFrom(...fragments),
        fc.string({ maxLength: 6 }),
        fc.string({ unit: 'grapheme', maxLength: 4 }),
      ),
      { maxLength },
    )
    .map((parts) => parts.join(''));
