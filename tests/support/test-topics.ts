import { randomBytes } from 'node:crypto';

/** A topic prefix of its own per suite, so suites share the broker without seeing each other's messages. */
export function uniqueTopicPrefix(label: string): string {
  return `test-${label}-${randomBytes(3).toString('hex')}`;
}
