import { BadRequestException, Body, Controller, Delete, Get, Header, HttpCode, Inject, NotFoundException, Optional, Param, ParseUUIDPipe, Post, Res } from '@nestjs/common';
import { IsInt, IsOptional, IsString, IsUrl, Max, Min } from 'class-validator';
import { decodeFeedBytes, Resolver } from '@stancewatch/feeds';
import { FeedEntity, FeedRepository } from '@stancewatch/persistence';
import { AppConfig, CONFIG } from '@stancewatch/platform';
import { Roles } from '../auth/auth';
import { FEED_URL_RESOLVER, FeedUrlCheck } from './feed-url-check';
import { buildOpml, OpmlError, parseOpml } from './opml';

export class CreateFeedDto {
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false }, { message: 'url must be an http(s) URL' })
  url!: string;

  @IsOptional()
  @IsString()
  title?: string;

  @IsOptional()
  @IsInt()
  @Min(60)
  @Max(7 * 24 * 3600)
  intervalSeconds?: number;
}

function present(feed: FeedEntity) {
  return {
    id: feed.id,
    url: feed.url,
    title: feed.title,
    status: feed.status,
    disabledReason: feed.disabledReason,
    disabledAt: feed.disabledAt,
    intervalSeconds: feed.intervalSeconds,
    lastFetchedAt: feed.lastFetchedAt,
    lastNewItemAt: feed.lastNewItemAt,
    // a paused or disabled feed has no next check, whatever the column holds
    nextCheckAt: feed.status === 'active' ? feed.nextCheckAt : null,
    consecutiveErrors: feed.consecutiveErrors,
    lastError: feed.lastError,
    itemsSeen: feed.itemsSeen,
    createdAt: feed.createdAt,
  };
}

type ImportOutcome = { url: string; title: string | null; folders: string[] } & (
  | { outcome: 'added' | 'existing'; id: string }
  | { outcome: 'invalid'; reason: string }
);

const MAX_OPML_FEEDS = 5_000;

@Controller('api/v1/feeds')
@Roles('admin')
export class FeedsController {
  private readonly urlCheck: FeedUrlCheck;

  constructor(
    private readonly feeds: FeedRepository,
    @Inject(CONFIG) private readonly config: AppConfig,
    @Optional() @Inject(FEED_URL_RESOLVER) resolver?: Resolver,
  ) {
    this.urlCheck = new FeedUrlCheck(config.ssrfAllowList, resolver);
  }

  @Post()
  async create(@Body() body: CreateFeedDto, @Res({ passthrough: true }) res: { status(code: number): unknown }) {
    const verdict = await this.urlCheck.check(body.url);
    if (!verdict.ok) {
      throw new BadRequestException({ statusCode: 400, error: 'Bad Request', message: `url: ${verdict.reason}`, fields: [{ field: 'url', problems: [verdict.reason] }] });
    }
    const { feed, created } = await this.feeds.create({ url: verdict.url, title: body.title ?? null, intervalSeconds: body.intervalSeconds ?? this.config.feedPollIntervalSeconds });
    res.status(created ? 201 : 200);
    return present(feed);
  }

  @Get()
  async list() {
    return { items: (await this.feeds.list()).map(present) };
  }

  /** OPML 2.0 export of every registered feed (the format every feed reader imports). */
  @Get('opml')
  @Header('content-type', 'text/x-opml; charset=utf-8')
  @Header('content-disposition', 'attachment; filename="stancewatch-feeds.opml"')
  async exportOpml(): Promise<string> {
    return buildOpml((await this.feeds.list()).map((f) => ({ url: f.url, title: f.title })));
  }

  /**
   * OPML import: every outline with an xmlUrl, in any folder depth, is registered; the answer says per URL
   * whether it was added, already there, or invalid (and why). A document that is not OPML is a 400.
   */
  @Post('opml')
  @HttpCode(200)
  async importOpml(@Body() body: unknown) {
    if (!Buffer.isBuffer(body) && typeof body !== 'string') {
      throw new BadRequestException('send the OPML document as the request body with content-type text/x-opml or application/xml');
    }
    let outlines;
    try {
      const text = Buffer.isBuffer(body) ? decodeFeedBytes(body).text : body;
      outlines = parseOpml(text);
    } catch (err) {
      if (err instanceof OpmlError) throw new BadRequestException(`opml: ${err.message}`);
      throw err;
    }
    if (outlines.length > MAX_OPML_FEEDS) throw new BadRequestException(`opml: ${outlines.length} feeds; at most ${MAX_OPML_FEEDS} per import`);
    const results: ImportOutcome[] = [];
    for (const outline of outlines) {
      const base = { url: outline.url, title: outline.title, folders: outline.folders };
      const verdict = await this.urlCheck.check(outline.url);
      if (!verdict.ok) {
        results.push({ ...base, outcome: 'invalid', reason: verdict.reason });
        continue;
      }
      const { feed, created } = await this.feeds.create({ url: verdict.url, title: outline.title, intervalSeconds: this.config.feedPollIntervalSeconds });
      results.push({ ...base, outcome: created ? 'added' : 'existing', id: feed.id });
    }
    const count = (outcome: ImportOutcome['outcome']) => results.filter((r) => r.outcome === outcome).length;
    return { added: count('added'), existing: count('existing'), invalid: count('invalid'), results };
  }

  @Get(':id')
  async get(@Param('id', ParseUUIDPipe) id: string) {
    const feed = await this.feeds.get(id);
    if (!feed) throw new NotFoundException(`feed ${id} not found`);
    return present(feed);
  }

  @Post(':id/pause')
  @HttpCode(200)
  async pause(@Param('id', ParseUUIDPipe) id: string) {
    const feed = await this.feeds.setStatus(id, 'paused');
    if (!feed) throw new NotFoundException(`feed ${id} not found`);
    return present(feed);
  }

  @Post(':id/resume')
  @HttpCode(200)
  async resume(@Param('id', ParseUUIDPipe) id: string) {
    const feed = await this.feeds.setStatus(id, 'active');
    if (!feed) throw new NotFoundException(`feed ${id} not found`);
    return present(feed);
  }

  @Delete(':id')
  @HttpCode(204)
  async remove(@Param('id', ParseUUIDPipe) id: string) {
    if (!(await this.feeds.remove(id))) throw new NotFoundException(`feed ${id} not found`);
  }
}
