export * from './api-key.repository';
export * from './article.repository';
export * from './consumer-offset.repository';
export * from './event-store.repository';
export * from './feed.repository';
export * from './outbox.repository';
export * from './read-model.repository';
