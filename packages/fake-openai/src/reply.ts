/** The default reply: deterministic, and derived from what the user wrote so tests can tell turns apart. */
export function defaultReply(lastUserMessage: string): string {
  const topic = lastUserMessage.trim().replace(/\s+/g, ' ').slice(0, 80);
  return topic ? `You said: "${topic}". Here is a short answer from the fake model.` : 'Hello from the fake model.';
}

/** Splits a reply into stream chunks: fixed-size pieces, or one word (with its leading space) each. */
export function splitIntoChunks(text: string, chunkSize?: number): string[] {
  if (chunkSize) {
    const chars = Array.from(text);
    const pieces: string[] = [];
    for (let i = 0; i < chars.length; i += chunkSize) pieces.push(chars.slice(i, i + chunkSize).join(''));
    return pieces;
  }
  return text.match(/\s*\S+/g) ?? [];
}
