import { BadRequestException, Body, Controller, Delete, ForbiddenException, Get, HttpCode, Inject, NotFoundException, Param, ParseUUIDPipe, Patch, Post, Query, Req } from '@nestjs/common';
import { SsrfGuard } from '@stancewatch/feeds';
import { AlertDeliveryEntity, AlertDeliveryRepository, AlertSubscriptionEntity, AlertSubscriptionRepository } from '@stancewatch/persistence';
import { AppConfig, CONFIG } from '@stancewatch/platform';
import { AuthenticatedKey, Roles } from '../auth/auth';
import { CreateSubscriptionDto, DeliveriesQueryDto, PatchSubscriptionDto } from './subscription.dto';
import { checkWebhookUrl } from './webhook-url-check';

type AuthedRequest = { apiKey: AuthenticatedKey };

function present(subscription: AlertSubscriptionEntity) {
  return {
    id: subscription.id,
    name: subscription.name,
    filter: subscription.filter,
    channel: subscription.channel === 'webhook' ? { type: 'webhook', url: subscription.webhookUrl } : { type: 'sse' },
    active: subscription.active,
    ownerKeyId: subscription.ownerKeyId,
    createdAt: subscription.createdAt,
    updatedAt: subscription.updatedAt,
  };
}

function presentDelivery(delivery: AlertDeliveryEntity) {
  return {
    id: delivery.id,
    seq: String(delivery.seq),
    subscriptionId: delivery.subscriptionId,
    channel: delivery.channel,
    status: delivery.status,
    attempts: delivery.attempts,
    nextAttemptAt: delivery.nextAttemptAt,
    lastAttemptAt: delivery.lastAttemptAt,
    lastStatus: delivery.lastStatus,
    lastError: delivery.lastError,
    createdAt: delivery.createdAt,
    deliveredAt: delivery.deliveredAt,
    payload: delivery.payload,
  };
}

/** Alert subscriptions: analysts manage their own, admins see everyone's. */
@Controller('api/v1/subscriptions')
@Roles('admin', 'analyst')
export class SubscriptionsController {
  private readonly guard: SsrfGuard;

  constructor(
    private readonly subscriptions: AlertSubscriptionRepository,
    private readonly deliveries: AlertDeliveryRepository,
    @Inject(CONFIG) config: AppConfig,
  ) {
    this.guard = new SsrfGuard({ allowList: config.ssrfAllowList });
  }

  /** The webhook secret is in this response only; it signs every delivery and is never shown again. */
  @Post()
  async create(@Body() body: CreateSubscriptionDto, @Req() req: AuthedRequest) {
    let webhookUrl: string | null = null;
    if (body.channel.type === 'webhook') {
      const problem = await checkWebhookUrl(this.guard, body.channel.url!);
      if (problem) {
        throw new BadRequestException({ statusCode: 400, error: 'Bad Request', message: `channel.url: ${problem}`, fields: [{ field: 'channel.url', problems: [problem] }] });
      }
      webhookUrl = body.channel.url!;
    }
    const { subscription, secret } = await this.subscriptions.create({
      ownerKeyId: req.apiKey.id,
      name: body.name,
      filter: JSON.parse(JSON.stringify(body.filter ?? {})),
      channel: body.channel.type,
      webhookUrl,
    });
    return { ...present(subscription), ...(secret ? { secret } : {}) };
  }

  @Get()
  async list(@Req() req: AuthedRequest) {
    const owner = req.apiKey.role === 'admin' ? null : req.apiKey.id;
    return { items: (await this.subscriptions.list(owner)).map(present) };
  }

  @Get(':id')
  async get(@Param('id', ParseUUIDPipe) id: string, @Req() req: AuthedRequest) {
    return present(await this.owned(id, req.apiKey));
  }

  /** Pause or resume: `{ "active": false }`. */
  @Patch(':id')
  async patch(@Param('id', ParseUUIDPipe) id: string, @Body() body: PatchSubscriptionDto, @Req() req: AuthedRequest) {
    await this.owned(id, req.apiKey);
    return present((await this.subscriptions.setActive(id, body.active))!);
  }

  @Delete(':id')
  @HttpCode(204)
  async remove(@Param('id', ParseUUIDPipe) id: string, @Req() req: AuthedRequest) {
    await this.owned(id, req.apiKey);
    await this.subscriptions.remove(id);
  }

  /** Newest first; `?status=failed` lists what exhausted its retries. */
  @Get(':id/deliveries')
  async deliveriesOf(@Param('id', ParseUUIDPipe) id: string, @Query() query: DeliveriesQueryDto, @Req() req: AuthedRequest) {
    await this.owned(id, req.apiKey);
    return { items: (await this.deliveries.list(id, query.status, query.limit ?? 100)).map(presentDelivery) };
  }

  @Get(':id/deliveries/:deliveryId')
  async delivery(@Param('id', ParseUUIDPipe) id: string, @Param('deliveryId', ParseUUIDPipe) deliveryId: string, @Req() req: AuthedRequest) {
    await this.owned(id, req.apiKey);
    const delivery = await this.deliveries.get(id, deliveryId);
    if (!delivery) throw new NotFoundException(`delivery ${deliveryId} of subscription ${id} not found`);
    return presentDelivery(delivery);
  }

  /** Queues a failed (or still pending) webhook delivery for an attempt now, with a fresh retry window. */
  @Post(':id/deliveries/:deliveryId/retry')
  @HttpCode(202)
  async retry(@Param('id', ParseUUIDPipe) id: string, @Param('deliveryId', ParseUUIDPipe) deliveryId: string, @Req() req: AuthedRequest) {
    const subscription = await this.owned(id, req.apiKey);
    const delivery = await this.deliveries.get(id, deliveryId);
    if (!delivery) throw new NotFoundException(`delivery ${deliveryId} of subscription ${id} not found`);
    if (subscription.channel !== 'webhook') throw new BadRequestException(`subscription ${id} streams over SSE; reconnect with Last-Event-ID to replay instead`);
    if (delivery.status === 'delivered') throw new BadRequestException(`delivery ${deliveryId} was already delivered`);
    return presentDelivery((await this.deliveries.retry(id, deliveryId))!);
  }

  private async owned(id: string, key: AuthenticatedKey): Promise<AlertSubscriptionEntity> {
    const subscription = await this.subscriptions.get(id);
    if (!subscription) throw new NotFoundException(`subscription ${id} not found`);
    if (key.role !== 'admin' && subscription.ownerKeyId !== key.id) throw new ForbiddenException(`subscription ${id} belongs to another API key`);
    return subscription;
  }
}
