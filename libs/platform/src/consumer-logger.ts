import { PinoLogger } from 'nestjs-pino';
import { ConsumerLogger } from '@stancewatch/messaging';

/** Adapts the service's pino logger to the messaging lib's small logger interface. */
export function consumerLogger(logger: PinoLogger): ConsumerLogger {
  return {
    info: (msg, extra) => logger.info(extra ?? {}, msg),
    warn: (msg, extra) => logger.warn(extra ?? {}, msg),
    error: (msg, extra) => logger.error(extra ?? {}, msg),
  };
}
