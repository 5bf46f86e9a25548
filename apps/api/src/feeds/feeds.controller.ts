import { Body, Controller, Delete, Get, HttpCode, NotFoundException, Param, ParseUUIDPipe, Post, Res } from '@nestjs/common';
import { IsInt, IsOptional, IsString, IsUrl, Max, Min } from 'class-validator';
import { FeedEntity, FeedRepository } from '@stancewatch/persistence';
import { Roles } from '../auth/auth';

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
    intervalSeconds: feed.intervalSeconds,
    lastFetchedAt: feed.lastFetchedAt,
    lastNewItemAt: feed.lastNewItemAt,
    nextCheckAt: feed.nextCheckAt,
    consecutiveErrors: feed.consecutiveErrors,
    lastError: feed.lastError,
    itemsSeen: feed.itemsSeen,
    createdAt: feed.createdAt,
  };
}

@Controller('api/v1/feeds')
@Roles('admin')
export class FeedsController {
  constructor(private readonly feeds: FeedRepository) {}

  @Post()
  async create(@Body() body: CreateFeedDto, @Res({ passthrough: true }) res: { status(code: number): unknown }) {
    const { feed, created } = await this.feeds.create({ url: body.url, title: body.title ?? null, intervalSeconds: body.intervalSeconds ?? 900 });
    res.status(created ? 201 : 200);
    return present(feed);
  }

  @Get()
  async list() {
    return { items: (await this.feeds.list()).map(present) };
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
