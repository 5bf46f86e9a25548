export * from './entities';
export * from './data-source';
export * from './schema';
export * from './repositories';
export * from './projection-rebuild';
export * from './read-model-changes';
