import { INestApplicationContext } from '@nestjs/common';

/**
 * Runs a service until SIGTERM/SIGINT, then closes it so consumers leave their group and
 * in-flight transactions finish; a start-up failure exits non-zero with the reason.
 */
export function runService(name: string, start: () => Promise<INestApplicationContext>): void {
  start().then(
    (app) => {
      let closing = false;
      const close = (signal: string) => {
        if (closing) return;
        closing = true;
        process.stderr.write(`${name}: ${signal} received, shutting down\n`);
        app.close().then(
          () => process.exit(0),
          (err: Error) => {
            process.stderr.write(`${name}: shutdown failed: ${err.message}\n`);
            process.exit(1);
          },
        );
      };
      process.once('SIGTERM', () => close('SIGTERM'));
      process.once('SIGINT', () => close('SIGINT'));
    },
    (err: Error) => {
      process.stderr.write(`${name}: failed to start: ${err.stack ?? err.message}\n`);
      process.exit(1);
    },
  );
}
