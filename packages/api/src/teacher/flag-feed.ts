import { EventEmitter } from 'node:events';
import { listen, type Listener, type PrismaClient } from '@lumi/db';

/** The database announces every new or reviewed flag here, from whichever node wrote it (migration: lumi_notify_flag). */
const FLAG_CHANNEL = 'lumi_flag';

export interface FlagNotice {
  id: string;
  classId: string | null;
  kind: 'raised' | 'reviewed';
}

function parseNotice(payload: string): FlagNotice | null {
  try {
    const value: unknown = JSON.parse(payload);
    if (value && typeof value === 'object' && 'id' in value && 'kind' in value && 'classId' in value) {
      const { id, kind, classId } = value;
      if (typeof id === 'string' && (kind === 'raised' || kind === 'reviewed')) {
        return { id, kind, classId: typeof classId === 'string' ? classId : null };
      }
    }
  } catch {
    // A payload from something else on the channel: not ours to read.
  }
  return null;
}

/**
 * One LISTEN connection per node and database, opened when the first dashboard subscribes and shared by all of
 * them. A notice sent while the connection is down is lost; dashboards also refetch on a timer.
 */
export class FlagFeed {
  readonly events = new EventEmitter().setMaxListeners(0);
  private listener: Listener | null = null;

  constructor(private readonly db: PrismaClient) {}

  /** Resolves once notices are being heard. */
  start(): Promise<void> {
    this.listener ??= listen(this.db, FLAG_CHANNEL, (payload) => {
      const notice = parseNotice(payload);
      if (notice) this.events.emit('flag', notice);
    });
    return this.listener.ready;
  }

  async close(): Promise<void> {
    await this.listener?.close();
    this.listener = null;
  }
}

const feeds = new WeakMap<PrismaClient, FlagFeed>();

/** This node's feed for the database `db` talks to. */
export function flagFeedFor(db: PrismaClient): FlagFeed {
  let feed = feeds.get(db);
  if (!feed) {
    feed = new FlagFeed(db);
    feeds.set(db, feed);
  }
  return feed;
}
