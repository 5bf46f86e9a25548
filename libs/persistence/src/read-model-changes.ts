import type { EntityManager } from 'typeorm';

/**
 * Postgres channel that says "the read models changed". A NOTIFY is transactional: it is delivered
 * to listeners when, and only if, the writing transaction commits, so a listener that drops what it
 * derived from the read models on each notification never keeps anything older than a commit it
 * has been told about. Listeners are per database, so test databases do not hear each other.
 */
export const READ_MODELS_CHANGED_CHANNEL = 'stancewatch_read_models_changed';

/** Announces, on commit of the caller's transaction, that it wrote read models. */
export async function notifyReadModelsChanged(manager: Pick<EntityManager, 'query'>): Promise<void> {
  await manager.query(`NOTIFY ${READ_MODELS_CHANGED_CHANNEL}`);
}
