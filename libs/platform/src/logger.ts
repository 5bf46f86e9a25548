import { writeSync } from 'node:fs';
import pino, { DestinationStream, Logger } from 'pino';
import { AppConfig } from './config';

/** A service's pino logger: JSON lines on stdout (or `destination`), tagged with the service name. */
export function createServiceLogger(config: Pick<AppConfig, 'logLevel'>, serviceName: string, destination?: DestinationStream): Logger {
  const options = {
    level: config.logLevel,
    name: serviceName,
    base: { service: serviceName },
    // keys and signatures never reach the logs, whoever logs a request's headers
    redact: { paths: ['req.headers["x-api-key"]', 'req.headers.authorization', 'req.headers.cookie'], censor: '[redacted]' },
  };
  return destination ? pino(options, destination) : pino(options);
}

/**
 * stdout for high-volume lines (one per HTTP response): lines are collected in memory and written
 * in one synchronous write once `blockBytes` have gathered, at the latest `flushMs` after a line was
 * logged, and when the process exits. One syscall per block instead of one per line; what a crash
 * can lose is at most the last `flushMs`. (pino's own async destination still cost a length count
 * and a queued write per line.)
 */
export function bufferedStdout(flushMs = 200, blockBytes = 64 * 1024, fd = 1): { stream: DestinationStream; close(): void } {
  let pending = '';
  const flush = () => {
    if (!pending) return;
    const block = pending;
    pending = '';
    try {
      writeSync(fd, block);
    } catch {
      // stdout gone (EPIPE) or full and non-blocking (EAGAIN): a log block is not worth failing a request for
    }
  };
  const timer = setInterval(flush, flushMs);
  timer.unref();
  process.once('exit', flush);
  return {
    stream: {
      write(line: string) {
        pending += line;
        if (pending.length >= blockBytes) flush();
      },
    },
    close() {
      clearInterval(timer);
      process.removeListener('exit', flush);
      flush();
    },
  };
}
