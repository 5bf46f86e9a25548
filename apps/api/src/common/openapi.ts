import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, ApiResponse } from '@nestjs/swagger';

export class ErrorBody {
  @ApiProperty({ example: 404 }) statusCode!: number;
  @ApiPropertyOptional({ example: 'Not Found' }) error?: string;
  @ApiProperty({ description: 'What was wrong, naming the field or the thing not found', example: 'issue "x" not found; known issues: …' }) message!: string;
  @ApiPropertyOptional({ description: '400 only: each invalid field and its problems' }) fields?: { field: string; problems: string[] }[];
  @ApiProperty({ description: 'The request id, as logged (and sent back in x-request-id)' }) requestId!: string;
}

const DESCRIPTIONS: Record<number, string> = {
  400: 'a field is invalid; `fields` names it',
  401: 'no API key, or an invalid or revoked one (header x-api-key)',
  403: 'the key lacks the role this needs',
  404: 'not found; the message names what',
  429: 'rate limit of the key exceeded; see Retry-After',
};

/** Documents the error responses a route can give, all with the same body. */
export const ApiErrors = (...statuses: number[]) => applyDecorators(...statuses.map((status) => ApiResponse({ status, description: DESCRIPTIONS[status], type: ErrorBody })));
