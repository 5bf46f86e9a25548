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
 * stdout for high-volume lines (one per HTTP response): written in blocks of up to `blockBytes`,
 * at the latest `flushMs` after a line was logged, and synchronously when the process exits. One
 * write per block instead of one per line; what a crash can lose is at most the last `flushMs`.
 */
export function bufferedStdout(flushMs = 200, blockBytes = 8 * 1024): { stream: DestinationStream; close(): void } {
  const stream = pino.destination({ dest: 1, sync: false, minLength: blockBytes });
  let pending = false;
  const write = stream.write.bind(stream);
  stream.write = (line: string) => {
    pending = true;
    return write(line);
  };
  const timer = setInterval(() => {
    if (!pending) return;
    pending = false;
    stream.flush();
  }, flushMs);
  timer.unref();
  return {
    stream,
    close() {
      clearInterval(timer);
      if (pending) stream.flush();
    },
  };
}
