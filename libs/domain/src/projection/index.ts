export * from './actor-projection';
