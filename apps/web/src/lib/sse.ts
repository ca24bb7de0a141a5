import type { TurnEvent } from '@lumi/api';

/** Parses a `text/event-stream` body of `data: <json>` events (docs/chat-protocol.md). */
export async function* readTurnEvents(response: Response): AsyncGenerator<TurnEvent> {
  if (!response.body) return;
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += value;
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const data = block
        .split('\n')
        .filter((line) => line.startsWith('data:'))
        .map((line) => line.slice(5).trimStart())
        .join('\n');
      if (data) yield JSON.parse(data) as TurnEvent;
    }
  }
}
