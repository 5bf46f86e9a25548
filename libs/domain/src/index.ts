export * from './catalogue';
export * from './extraction';
export * from './issues';
export * from './stance';
export * from './projection';
