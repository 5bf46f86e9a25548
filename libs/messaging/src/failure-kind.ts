/**
 * Infrastructure trouble (a database restart, a broker hiccup) must delay a message, never send it
 * to the dead-letter topic; only a message that fails on its own merits is poison.
 */
const TRANSIENT_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', '57P01', '57P02', '57P03', '53300', '40001', '40P01']);
const TRANSIENT_NAMES = new Set(['KafkaJSConnectionError', 'KafkaJSRequestTimeoutError', 'KafkaJSNumberOfRetriesExceeded', 'KafkaJSBrokerNotFound', 'KafkaJSLockTimeout', 'CannotConnectAlreadyConnectedError']);

export function isTransientFailure(err: unknown): boolean {
  let current: unknown = err;
  for (let depth = 0; current && depth < 5; depth++) {
    const e = current as { code?: string; name?: string; message?: string; cause?: unknown; driverError?: unknown };
    if (e.code && (TRANSIENT_CODES.has(e.code) || e.code.startsWith('08'))) return true;
    if (e.name && TRANSIENT_NAMES.has(e.name)) return true;
    if (e.message && /Connection terminated|connection is closed|Client has encountered a connection error|timeout exceeded when trying to connect/i.test(e.message)) return true;
    current = e.driverError ?? e.cause;
  }
  return false;
}
