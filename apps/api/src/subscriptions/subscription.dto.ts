import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsNumber,
  IsOptional,
  IsString,
  IsUrl,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { POSITION_EVENT_TYPES } from '@stancewatch/domain/catalogue';

export class QuantityThresholdDto {
  @IsString()
  @Length(1, 40)
  unit!: string;

  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  min!: number;
}

export class AlertFilterDto {
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(300)
  @Matches(/^[A-Za-z0-9-]{2,16}$/, { each: true, message: 'each actor must be a 2-16 character code, e.g. FR or NATO' })
  actors?: string[];

  @IsOptional()
  @IsArray()
  @IsIn(POSITION_EVENT_TYPES, { each: true, message: `each event type must be one of: ${POSITION_EVENT_TYPES.join(', ')}` })
  eventTypes?: string[];

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @Length(1, 100, { each: true })
  issues?: string[];

  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(1)
  minConfidence?: number;

  @IsOptional()
  @IsBoolean()
  onlyStanceChanges?: boolean;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => QuantityThresholdDto)
  quantities?: QuantityThresholdDto[];

  @IsOptional()
  @IsBoolean()
  includeCorroborations?: boolean;
}

export class ChannelDto {
  @IsIn(['webhook', 'sse'], { message: 'type must be webhook or sse' })
  type!: 'webhook' | 'sse';

  @ValidateIf((channel: ChannelDto) => channel.type === 'webhook' || channel.url !== undefined)
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false }, { message: 'url must be an http(s) URL (required for webhooks)' })
  @MaxLength(2000)
  url?: string;
}

export class CreateSubscriptionDto {
  @IsString()
  @Length(1, 200)
  name!: string;

  @ValidateNested()
  @Type(() => AlertFilterDto)
  filter: AlertFilterDto = {};

  @ValidateNested()
  @Type(() => ChannelDto)
  channel!: ChannelDto;
}

export class PatchSubscriptionDto {
  @IsBoolean()
  active!: boolean;
}

export class DeliveriesQueryDto {
  @IsOptional()
  @IsIn(['pending', 'delivered', 'failed'], { message: 'status must be pending, delivered or failed' })
  status?: 'pending' | 'delivered' | 'failed';

  @IsOptional()
  @Type(() => Number)
  @IsNumber()
  @Min(1)
  @Max(500)
  limit?: number;
}
