// Fails when an entity changes without a migration (or a migration without its entity).
import { createDataSource, pendingSchemaChanges } from '@stancewatch/persistence';
import { createTestDatabase, TestDatabase } from '../../../tests/support/test-database';

describe('entities and migrations', () => {
  let db: TestDatabase;
  afterAll(() => db?.drop());

  it('agree: migrating a fresh database leaves nothing for the entities to change', async () => {
    db = await createTestDatabase('drift', { migrate: false });
    const dataSource = await createDataSource(db.url, { poolSize: 1 }).initialize();
    try {
      const applied = await dataSource.runMigrations({ transaction: 'each' });
      expect(applied.length).toBeGreaterThan(0);
      const { up } = await pendingSchemaChanges(dataSource);
      expect(up).toEqual([]);
      // and every migration can be undone
      for (let i = 0; i < applied.length; i++) await dataSource.undoLastMigration({ transaction: 'each' });
      const [{ n }] = await dataSource.query(`SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> 'migrations'`);
      expect(n).toBe(0);
    } finally {
      await dataSource.destroy();
    }
  });
});
