export * from './kafka-factory';
export * from './topic-admin';
export * from './message-producer';
export * from './contract-consumer';
export * from './failure-kind';
