export * from './config';
export * from './tokens';
export * from './infrastructure.module';
export * from './outbox-publisher';
export * from './consumer-logger';
export * from './run-service';
export * from './metrics';
export * from './metrics-listener';
