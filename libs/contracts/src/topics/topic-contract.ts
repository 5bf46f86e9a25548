import { z } from 'zod';

/**
 * One Kafka topic: its versioned name, how a value is keyed and the schema both sides validate.
 * A breaking change to the value gets a new topic (…v2), never an in-place edit.
 */
export interface TopicContract<T> {
  /** Base name without the deployment prefix, e.g. `stancewatch.articles.ingested.v1`. */
  readonly name: string;
  readonly schema: z.ZodType<T, z.ZodTypeDef, unknown>;
  readonly keyOf: (value: T) => string;
  /** Which config setting sizes the topic when the services create it. */
  readonly partitions: 'articles' | 'positions' | 'single';
}

export class ContractViolation extends Error {
  constructor(
    readonly topic: string,
    readonly reason: string,
  ) {
    super(`message on ${topic} violates its contract: ${reason}`);
  }
}

export function describeZodError(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`).join('; ');
}

/** Validates a value against its topic's contract; throws ContractViolation naming the fields. */
export function validate<T>(contract: TopicContract<T>, value: unknown): T {
  const parsed = contract.schema.safeParse(value);
  if (!parsed.success) throw new ContractViolation(contract.name, describeZodError(parsed.error));
  return parsed.data;
}

/** Decodes and validates raw bytes read from Kafka. */
export function decode<T>(contract: TopicContract<T>, raw: Buffer | null): T {
  if (raw === null) throw new ContractViolation(contract.name, 'empty message (tombstone) where a value was expected');
  let json: unknown;
  try {
    json = JSON.parse(raw.toString('utf8'));
  } catch (err) {
    throw new ContractViolation(contract.name, `not JSON: ${(err as Error).message}`);
  }
  return validate(contract, json);
}
