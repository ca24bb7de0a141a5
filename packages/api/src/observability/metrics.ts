import type pg from 'pg';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** What a finished reply reports; the chat turn calls `observeReply` once per reply, when it is settled. */
export interface ReplyObservation {
  model: string;
  /** COMPLETE, STOPPED or ERROR. */
  status: string;
  ttftMs: number | null;
  latencyMs: number;
  promptTokens: number;
  completionTokens: number;
  cachedTokens: number;
  costMicros: number;
  /** Set when the reply ended in an error the student saw. */
  errorCode: string | null;
}

// Upstream first tokens land between ~0.2 s and tens of seconds; replies run up to minutes.
const TTFT_BUCKETS = [0.05, 0.1, 0.2, 0.3, 0.5, 0.75, 1, 1.5, 2, 3, 5, 10, 20, 45];
const REPLY_BUCKETS = [0.5, 1, 2, 5, 10, 20, 30, 60, 120, 300];

/**
 * One node's Prometheus metrics, in a registry of its own (a test process may run several nodes). Replies in
 * flight and the database pool are read when scraped, so nothing on the hot path updates them.
 */
export class LumiMetrics {
  readonly registry = new Registry();
  private readonly ttft: Histogram<'model'>;
  private readonly replyDuration: Histogram<'model' | 'status'>;
  private readonly tokens: Counter<'model' | 'kind'>;
  private readonly cost: Counter<'model'>;
  private readonly errors: Counter<'code'>;

  constructor(sources: { repliesInFlight: () => number; pool: () => pg.Pool | null }) {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry });
    new Gauge({
      name: 'lumi_replies_in_flight',
      help: 'Replies this node is generating now',
      registers,
      collect() {
        this.set(sources.repliesInFlight());
      },
    });
    new Gauge({
      name: 'lumi_db_pool_connections',
      help: 'Database connections of this node by state (total, idle, waiting = queries queued for one, max)',
      labelNames: ['state'],
      registers,
      collect() {
        const pool = sources.pool();
        if (!pool) return;
        this.set({ state: 'total' }, pool.totalCount);
        this.set({ state: 'idle' }, pool.idleCount);
        this.set({ state: 'waiting' }, pool.waitingCount);
        this.set({ state: 'max' }, pool.options.max ?? 10);
      },
    });
    this.ttft = new Histogram({
      name: 'lumi_time_to_first_token_seconds',
      help: 'From the student sending to the first token of the reply',
      labelNames: ['model'],
      buckets: TTFT_BUCKETS,
      registers,
    });
    this.replyDuration = new Histogram({
      name: 'lumi_reply_duration_seconds',
      help: 'From the student sending to the reply being saved, by how it ended',
      labelNames: ['model', 'status'],
      buckets: REPLY_BUCKETS,
      registers,
    });
    this.tokens = new Counter({
      name: 'lumi_tokens_total',
      help: "Tokens charged, by model and kind (prompt, completion, cached), from the provider's own counts",
      labelNames: ['model', 'kind'],
      registers,
    });
    this.cost = new Counter({
      name: 'lumi_cost_usd_total',
      help: 'Cost of the tokens charged, in US dollars, by model',
      labelNames: ['model'],
      registers,
    });
    this.errors = new Counter({
      name: 'lumi_errors_total',
      help: 'Chat requests and replies that ended in an error, by code',
      labelNames: ['code'],
      registers,
    });
  }

  observeReply(reply: ReplyObservation): void {
    const { model } = reply;
    if (reply.ttftMs !== null) this.ttft.observe({ model }, reply.ttftMs / 1000);
    this.replyDuration.observe({ model, status: reply.status }, reply.latencyMs / 1000);
    this.tokens.inc({ model, kind: 'prompt' }, reply.promptTokens);
    this.tokens.inc({ model, kind: 'completion' }, reply.completionTokens);
    this.tokens.inc({ model, kind: 'cached' }, reply.cachedTokens);
    this.cost.inc({ model }, reply.costMicros / 1_000_000);
    if (reply.errorCode) this.countError(reply.errorCode);
  }

  countError(code: string): void {
    this.errors.inc({ code });
  }
}
