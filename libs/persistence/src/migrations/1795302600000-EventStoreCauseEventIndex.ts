import { MigrationInterface, QueryRunner } from 'typeorm';

// Hand-written: TypeORM cannot generate expression indexes (the entity declares it with synchronize: false).
// Partial, so only position-changed rows are indexed; the API's event detail finds the stance change a
// statement caused with `type = 'position-changed' AND body->'payload'->>'causeEventId' = $1`.
export class EventStoreCauseEventIndex1795302600000 implements MigrationInterface {
  name = 'EventStoreCauseEventIndex1795302600000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "IDX_event_store_cause_event" ON "event_store" ((body->'payload'->>'causeEventId')) WHERE type = 'position-changed'`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_event_store_cause_event"`);
  }
}
