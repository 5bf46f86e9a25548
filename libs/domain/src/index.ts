export * from './catalogue';
export * from './extraction';
