import type { FinalTurnEvent, TurnEvent } from './turn-events';

type Listener = (event: TurnEvent) => void;

/**
 * A reply being generated on this node. It belongs to the server, not to a browser tab: listeners come and
 * go (a reload re-attaches) while the generation runs to its end.
 */
export class Generation {
  text = '';
  final: FinalTurnEvent | null = null;
  stoppedByUser = false;
  readonly controller = new AbortController();
  private readonly listeners = new Set<Listener>();
  private resolveFinished!: () => void;
  readonly finished = new Promise<void>((resolve) => (this.resolveFinished = resolve));

  emit(event: TurnEvent): void {
    if (this.final) return;
    if (event.type === 'delta') this.text += event.text;
    for (const listener of this.listeners) listener(event);
    if (event.type === 'done' || event.type === 'error') {
      this.final = event;
      this.listeners.clear();
      this.resolveFinished();
    }
  }

  /** Replays the text so far as one delta, then forwards live events. Returns an unsubscribe function. */
  subscribe(listener: Listener): () => void {
    if (this.text) listener({ type: 'delta', text: this.text });
    if (this.final) {
      listener(this.final);
      return () => {};
    }
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  stop(): void {
    this.stoppedByUser = true;
    this.controller.abort();
  }
}

/** In-flight generations on this node, by assistant message id. */
export class GenerationRegistry {
  private readonly generations = new Map<string, Generation>();
  private readonly followUps = new Set<Promise<unknown>>();

  register(messageId: string, generation: Generation): void {
    this.generations.set(messageId, generation);
    void generation.finished.then(() => this.generations.delete(messageId));
  }

  get(messageId: string): Generation | undefined {
    return this.generations.get(messageId);
  }

  get size(): number {
    return this.generations.size;
  }

  /** Work started after a reply ended (the after-reply step), so drain waits for it too. */
  follow(work: Promise<unknown>): void {
    this.followUps.add(work);
    void work.finally(() => this.followUps.delete(work));
  }

  /** Resolves when every running generation and the work that follows them have ended (graceful shutdown, tests). */
  async drain(): Promise<void> {
    await Promise.all([...this.generations.values()].map((g) => g.finished));
    while (this.followUps.size > 0) await Promise.allSettled([...this.followUps]);
  }
}
