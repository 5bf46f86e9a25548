import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '@stancewatch/platform/config';
import { createDataSource, pendingSchemaChanges, renderMigration } from '@stancewatch/persistence';

export async function migrationRunCommand(): Promise<number> {
  const dataSource = await createDataSource(loadConfig().databaseUrl, { poolSize: 1, applicationName: 'stancewatch-migrate' }).initialize();
  try {
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    console.log(applied.length ? `applied ${applied.map((m) => m.name).join(', ')}` : 'schema is up to date');
    return 0;
  } finally {
    await dataSource.destroy();
  }
}

/** Writes a migration for whatever the entities changed since the last one. */
export async function migrationGenerateCommand(argv: string[]): Promise<number> {
  const name = argv[0];
  if (!name || !/^[A-Z][A-Za-z0-9]+$/.test(name)) {
    console.error('usage: migration:generate PascalCaseName');
    return 2;
  }
  const dataSource = await createDataSource(loadConfig().databaseUrl, { poolSize: 1 }).initialize();
  try {
    await dataSource.runMigrations({ transaction: 'each' });
    const { up, down } = await pendingSchemaChanges(dataSource);
    if (up.length === 0) {
      console.log('entities and migrations agree: nothing to generate');
      return 0;
    }
    const timestamp = Date.now();
    const file = join(process.cwd(), 'libs/persistence/src/migrations', `${timestamp}-${name}.ts`);
    writeFileSync(file, renderMigration(name, timestamp, up, down));
    console.log(`wrote ${file}; add it to libs/persistence/src/migrations/index.ts`);
    return 0;
  } finally {
    await dataSource.destroy();
  }
}
