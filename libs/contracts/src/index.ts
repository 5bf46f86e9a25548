export * from './envelope';
export * from './event-ids';
export * from './topics';
export * from './builders/position-events';
export * from './builders/article-ingested';
export * from './builders/report';
