import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AlertChannel, AlertFilter, AlertSubscriptionEntity } from '../entities';

export interface NewAlertSubscription {
  ownerKeyId: string;
  name: string;
  filter: AlertFilter;
  channel: AlertChannel;
  webhookUrl: string | null;
}

/** Subscriptions; the webhook secret is generated here and only ever leaves through `create` and `secretOf`. */
export class AlertSubscriptionRepository {
  constructor(private readonly dataSource: DataSource) {}

  async create(input: NewAlertSubscription): Promise<{ subscription: AlertSubscriptionEntity; secret: string | null }> {
    const secret = input.channel === 'webhook' ? `whsec_${randomBytes(32).toString('base64url')}` : null;
    const repo = this.dataSource.getRepository(AlertSubscriptionEntity);
    const saved = await repo.save(repo.create({ ...input, webhookSecret: secret, active: true }));
    const subscription = (await this.get(saved.id))!;
    return { subscription, secret };
  }

  get(id: string): Promise<AlertSubscriptionEntity | null> {
    return this.dataSource.getRepository(AlertSubscriptionEntity).findOneBy({ id });
  }

  /** An owner's subscriptions, or everyone's when owner is null (admins). */
  list(ownerKeyId: string | null): Promise<AlertSubscriptionEntity[]> {
    return this.dataSource.getRepository(AlertSubscriptionEntity).find({ where: ownerKeyId ? { ownerKeyId } : {}, order: { createdAt: 'ASC' } });
  }

  listActive(): Promise<AlertSubscriptionEntity[]> {
    return this.dataSource.getRepository(AlertSubscriptionEntity).find({ where: { active: true }, order: { createdAt: 'ASC' } });
  }

  async setActive(id: string, active: boolean): Promise<AlertSubscriptionEntity | null> {
    await this.dataSource.getRepository(AlertSubscriptionEntity).update({ id }, { active });
    return this.get(id);
  }

  async remove(id: string): Promise<boolean> {
    const result = await this.dataSource.getRepository(AlertSubscriptionEntity).delete({ id });
    return (result.affected ?? 0) > 0;
  }
}
