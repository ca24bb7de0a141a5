// What a transcript's text may and may not do inside the Markdown export: only the export writes its structure
// (the title and one heading per turn), so no message can forge a "## Tutor" turn or carry raw HTML.

/** Characters Markdown reads as inline syntax or HTML anywhere in a line. */
const INLINE = /[\\`*_[\]<>&]/g;
/** What makes a line a heading, quote, list item, table, fence or rule, or underlines the line above as a heading. */
const LINE_START = /^(\s*)([#>+\-=|~]|\d+[.)])/;

/** A student's words as literal text: whatever they typed reads back exactly, as words. */
export function literalText(text: string): string {
  return text
    .split('\n')
    .map((line) =>
      line.replace(INLINE, '\\$&').replace(LINE_START, (_, space: string, mark: string) => `${space}\\${mark}`),
    )
    .join('\n');
}

/** A title on one line, as literal text. */
export function literalLine(text: string): string {
  return literalText(text.replace(/\s+/g, ' ').trim());
}

/**
 * The tutor's reply keeps its formatting (lists, emphasis, code, maths), but no heading of its own (which could pose
 * as another turn, "## You") and no raw HTML: outside code, `#` and setext underlines at a line's start and every
 * `<` are escaped. Code blocks and code spans are shown as code already.
 */
export function tutorMarkdown(text: string): string {
  let fence: string | null = null;
  return text
    .split('\n')
    .map((line) => {
      const marker = /^\s{0,3}(`{3,}|~{3,})/.exec(line)?.[1];
      if (fence) {
        if (marker && marker[0] === fence[0] && marker.length >= fence.length) fence = null;
        return line;
      }
      if (marker) {
        fence = marker;
        return line;
      }
      const outsideCode = line
        .split(/(`+[^`]*`+)/)
        .map((part, i) => (i % 2 === 1 ? part : part.replace(/[<&]/g, '\\$&')))
        .join('');
      return outsideCode.replace(/^(\s*)(#|=+\s*$|-+\s*$)/, (_, space: string, mark: string) => `${space}\\${mark}`);
    })
    .join('\n');
}
