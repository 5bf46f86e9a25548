import { MigrationInterface, QueryRunner } from 'typeorm';

export class EventSourceCountFromOccurrence1795302083706 implements MigrationInterface {
  name = 'EventSourceCountFromOccurrence1795302083706';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"rm_events\" DROP COLUMN \"source_count\"");
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"rm_events\" ADD \"source_count\" integer NOT NULL DEFAULT '1'");
  }
}
