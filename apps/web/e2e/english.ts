import type { Page } from '@playwright/test';

/**
 * Words a Chinese screen may show in Latin letters: the product and providers' names, model names, file formats,
 * keys of the keyboard, units and language names. Anything else made of two or more Latin letters is English that escaped translation.
 */
const ALLOWED_WORDS = new Set(
  [
    'Lumi',
    'token',
    'tokens',
    'AI',
    'GPT',
    'mini',
    'nano',
    'Claude',
    'Haiku',
    'Sonnet',
    'Llama',
    'Gemini',
    'Flash',
    'Pro',
    'OpenAI',
    'GitHub',
    'Google',
    'JSON',
    'Markdown',
    'CSV',
    'zip',
    'Excel',
    'Enter',
    'Shift',
    'US',
    'UTC',
    'ID',
    'OK',
    'KaTeX',
    'LaTeX',
    'PostgreSQL',
    'English',
    'pinyin',
    'HSK',
    'A1',
    'A2',
    'B1',
    'B2',
    'C1',
    'C2',
  ].map((w) => w.toLowerCase()),
);

/** Text that is not prose: addresses, emails, codes, environment variables, numbers with units. */
const NOT_PROSE = [
  /\bhttps?:\/\/\S+/g,
  /[\w.+-]+@[\w-]+(\.[\w-]+)+/g,
  /\b[A-Z][A-Z0-9]*(_[A-Z0-9*]+)+/g, // LUMI_SPEND_CAP_*, BUDGET_EXHAUSTED
  /\/[\w\-/[\]?=&.]+/g, // paths such as /reset-password?code=
  /\b[A-Z0-9]{4}(-[A-Z0-9]{4}){2}\b/g, // reset codes
  /\b\d+(\.\d+)?[a-z]{0,2}\b/gi, // 4o, 1M, 2.50, 7d
];

/** What the detector found: where, and the text. */
export interface EnglishText {
  where: string;
  text: string;
}

/** What a page shows that is not the interface's own words. */
export interface NotInterface {
  /** People's names, class names, session titles, messages: removed from any text before it is judged. */
  texts?: readonly string[];
  /** CSS selectors of regions that hold only such content (a transcript, a reply). */
  within?: readonly string[];
}

/**
 * Every piece of English a person (or their screen reader) meets on the page as it is now: visible text nodes,
 * the options of visible menus, aria-labels, placeholders, titles, alt texts, button values and the document's
 * title. Code, maths and elements marked `data-user-content` are not the interface's words and are passed over.
 */
export async function englishOn(page: Page, allow: NotInterface = {}): Promise<EnglishText[]> {
  const within = [
    'script',
    'style',
    'noscript',
    'code',
    'pre',
    '.katex',
    '[data-user-content]',
    ...(allow.within ?? []),
  ];
  const found = await page.evaluate((skipped) => {
    const out: { where: string; text: string }[] = [];
    const shown = (el: Element) =>
      el.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true }) ||
      // An option is never "visible" itself; its menu is.
      (el instanceof HTMLOptionElement && !!el.parentElement?.closest('select')?.checkVisibility());
    const describe = (el: Element) => {
      const tag = el.tagName.toLowerCase();
      const id = el.id ? `#${el.id}` : '';
      const testId = el.getAttribute('data-testid');
      return `${tag}${id}${testId ? `[data-testid=${testId}]` : ''}`;
    };
    const skip = (el: Element) => !!el.closest(skipped);
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const svgTexts = new Set<Element>();
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (!parent || !node.textContent?.trim() || skip(parent) || !shown(parent)) continue;
      // A chart's label is one <text> split into <tspan>s (a name over two lines): judged whole.
      const svgText = parent.closest('svg text');
      if (svgText) {
        const lines = [...svgText.querySelectorAll('tspan')].map((line) => line.textContent);
        const text = lines.length > 0 ? lines.join(' ') : svgText.textContent;
        if (!svgTexts.has(svgText)) out.push({ where: describe(svgText), text: text.trim() });
        svgTexts.add(svgText);
      } else out.push({ where: describe(parent), text: node.textContent.trim() });
    }
    for (const el of document.body.querySelectorAll('[aria-label], [placeholder], [title], [alt], input[value]')) {
      if (skip(el) || !shown(el)) continue;
      // Hidden from screen readers (a chart beside its data table), an aria-label is never read out.
      const heard = !el.closest('[aria-hidden="true"]');
      for (const attribute of [...(heard ? ['aria-label'] : []), 'placeholder', 'title', 'alt']) {
        const value = el.getAttribute(attribute)?.trim();
        if (value) out.push({ where: `${describe(el)}@${attribute}`, text: value });
      }
      if (el instanceof HTMLInputElement && ['button', 'submit', 'reset'].includes(el.type) && el.value)
        out.push({ where: `${describe(el)}@value`, text: el.value });
    }
    if (document.title) out.push({ where: 'document.title', text: document.title });
    return out;
  }, within.join(', '));
  return found.filter(({ text }) => isEnglish(text, allow.texts));
}

/** True when `text`, less what is allowed, still holds a Latin word that is not a name, unit or code. */
export function isEnglish(text: string, allow: readonly string[] = []): boolean {
  let rest = text;
  // Longest first, so a name is removed whole before a shorter one inside it.
  // (A text of one or two letters would take letters out of words.)
  const texts = allow.filter((a) => a.trim().length > 2).sort((a, b) => b.length - a.length);
  for (const allowed of texts) rest = rest.split(allowed).join(' ');
  for (const pattern of NOT_PROSE) rest = rest.replace(pattern, ' ');
  const words = rest.match(/[A-Za-z][A-Za-z']*[A-Za-z]/g) ?? [];
  return words.some((word) => !ALLOWED_WORDS.has(word.toLowerCase()));
}
