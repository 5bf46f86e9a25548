export * from './envelope';
export * from './event-ids';
export * from './topics';
