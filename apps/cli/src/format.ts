// Text shown to the user: money, token counts, dim status lines.

const MICROS_PER_DOLLAR = 1_000_000;

/** Integer micro-dollars as dollars, with enough decimals that small amounts are not shown as $0.00. */
export function formatUsd(micros: number): string {
  const dollars = (micros / MICROS_PER_DOLLAR).toFixed(6).replace(/0{1,4}$/, '');
  return `$${dollars}`;
}

export function formatTokens(count: number): string {
  return count.toLocaleString('en-US');
}

/** USD per 1M tokens, as the catalog holds it. */
export function formatPrice(perMillion: number): string {
  return `$${perMillion}`;
}

export function plural(count: number, word: string): string {
  return `${formatTokens(count)} ${word}${count === 1 ? '' : 's'}`;
}

/** ANSI dim when the stream is a colour terminal; plain text otherwise, so pipes and files stay clean. */
export function dimmer(stream: NodeJS.WriteStream): (text: string) => string {
  const colour = stream.isTTY === true && !process.env.NO_COLOR;
  return colour ? (text) => `\x1b[2m${text}\x1b[22m` : (text) => text;
}
