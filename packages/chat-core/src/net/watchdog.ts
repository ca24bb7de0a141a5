import { ChatError } from '../errors';

/**
 * One timer at a time that aborts `controller` with a ChatError('PROVIDER_TIMEOUT') as its reason.
 * The stream re-arms it as it moves from connecting to waiting for the first token to idling between chunks.
 */
export class Watchdog {
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly controller: AbortController) {}

  arm(ms: number, what: string): void {
    this.disarm();
    this.timer = setTimeout(() => {
      this.controller.abort(new ChatError('PROVIDER_TIMEOUT', `${what} took longer than ${ms} ms`));
    }, ms);
  }

  disarm(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }
}
