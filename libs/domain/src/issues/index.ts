export * from './issue-definition';
export * from './load-issues';
export * from './assign-issues';
