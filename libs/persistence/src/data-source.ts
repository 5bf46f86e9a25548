import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';

/** The one explicit data source: schema changes only ever come from migrations. */
export function createDataSource(databaseUrl: string, options: { poolSize?: number; applicationName?: string } = {}): DataSource {
  return new DataSource({
    type: 'postgres',
    url: databaseUrl,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    synchronize: false,
    // gen_random_uuid() is built into Postgres 13+, no extension to install
    uuidExtension: 'pgcrypto',
    migrationsRun: false,
    migrationsTransactionMode: 'each',
    logging: ['error'],
    extra: { max: options.poolSize ?? 10, application_name: options.applicationName ?? 'stancewatch' },
  });
}
