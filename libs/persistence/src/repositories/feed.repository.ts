import { DataSource, EntityManager } from 'typeorm';
import { FeedEntity, FeedStatus } from '../entities';

export interface NewFeed {
  url: string;
  title?: string | null;
  intervalSeconds: number;
}

export interface FeedPollState {
  /** Set when the feed moved permanently (301/308): the subscription follows it. */
  url?: string;
  title?: string | null;
  status?: FeedStatus;
  disabledReason?: string | null;
  disabledAt?: Date | null;
  etag?: string | null;
  lastModified?: string | null;
  lastFetchedAt?: Date;
  lastNewItemAt?: Date | null;
  nextCheckAt: Date;
  consecutiveErrors: number;
  lastError: string | null;
  itemsSeenDelta?: number;
}

export class FeedRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Registers a feed; a URL already registered returns the existing feed with `created: false`. */
  async create(feed: NewFeed): Promise<{ feed: FeedEntity; created: boolean }> {
    const rows: { id: string }[] = await this.dataSource.query(
      `INSERT INTO feeds (url, title, interval_seconds, next_check_at, status) VALUES ($1, $2, $3, now(), 'active') ON CONFLICT (url) DO NOTHING RETURNING id`,
      [feed.url, feed.title ?? null, feed.intervalSeconds],
    );
    const entity = await this.dataSource.getRepository(FeedEntity).findOneByOrFail({ url: feed.url });
    return { feed: entity, created: rows.length > 0 };
  }

  list(): Promise<FeedEntity[]> {
    return this.dataSource.getRepository(FeedEntity).find({ order: { createdAt: 'ASC' } });
  }

  get(id: string): Promise<FeedEntity | null> {
    return this.dataSource.getRepository(FeedEntity).findOneBy({ id });
  }

  async setStatus(id: string, status: FeedStatus): Promise<FeedEntity | null> {
    const patch: Partial<FeedEntity> = { status };
    // resuming a feed (paused or disabled) clears its failure streak and the flag, and checks it soon
    if (status === 'active') Object.assign(patch, { consecutiveErrors: 0, nextCheckAt: new Date(), disabledReason: null, disabledAt: null });
    await this.dataSource.getRepository(FeedEntity).update({ id }, patch);
    return this.get(id);
  }

  async remove(id: string): Promise<boolean> {
    const result = await this.dataSource.getRepository(FeedEntity).delete({ id });
    return (result.affected ?? 0) > 0;
  }

  /**
   * Claims due feeds for polling: their next check moves `leaseMs` ahead so another ingestor
   * instance (or this one's next tick) skips them while the poll runs.
   */
  async claimDue(limit: number, leaseMs: number): Promise<FeedEntity[]> {
    return this.dataSource.transaction(async (manager) => {
      const due: FeedEntity[] = await manager
        .getRepository(FeedEntity)
        .createQueryBuilder('feed')
        .where(`feed.status = 'active' AND feed.next_check_at <= now()`)
        .orderBy('feed.next_check_at', 'ASC')
        .limit(limit)
        .setLock('pessimistic_write')
        .setOnLocked('skip_locked')
        .getMany();
      if (due.length) {
        await manager.query(`UPDATE feeds SET next_check_at = now() + ($2::int * interval '1 millisecond') WHERE id = ANY($1::uuid[])`, [due.map((f) => f.id), leaseMs]);
      }
      return due;
    });
  }

  /**
   * Gives claimed feeds that were never polled (the ingestor is stopping) back to the next claimer at
   * once, instead of leaving them to wait out the lease.
   */
  async releaseClaims(ids: readonly string[]): Promise<number> {
    if (ids.length === 0) return 0;
    const result = await this.dataSource.query(`UPDATE feeds SET next_check_at = now() WHERE id = ANY($1::uuid[]) AND next_check_at > now()`, [ids]);
    return Number(result?.[1] ?? 0);
  }

  async recordPoll(manager: EntityManager, id: string, state: FeedPollState): Promise<{ moved: boolean }> {
    const { itemsSeenDelta, url, ...rest } = state;
    const patch: Record<string, unknown> = { ...rest };
    for (const key of Object.keys(patch)) if (patch[key] === undefined) delete patch[key];
    await manager.getRepository(FeedEntity).update({ id }, patch);
    if (itemsSeenDelta) await manager.query(`UPDATE feeds SET items_seen = items_seen + $2 WHERE id = $1`, [id, itemsSeenDelta]);
    if (!url) return { moved: false };
    // a feed already registered under the new URL keeps it; this one stays where it was (and is redirected)
    const [, moved] = await manager.query(`UPDATE feeds SET url = $2 WHERE id = $1 AND NOT EXISTS (SELECT 1 FROM feeds WHERE url = $2)`, [id, url]);
    return { moved: Number(moved) > 0 };
  }
}
