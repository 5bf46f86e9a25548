import { MigrationInterface, QueryRunner } from 'typeorm';

export class EventListIndexes1795304397298 implements MigrationInterface {
  name = 'EventListIndexes1795304397298';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE INDEX \"IDX_rm_events_position\" ON \"rm_events\" (\"global_position\") ");
    await queryRunner.query("CREATE INDEX \"IDX_rm_events_actor_position\" ON \"rm_events\" (\"actor\", \"global_position\") ");
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX \"public\".\"IDX_rm_events_actor_position\"");
    await queryRunner.query("DROP INDEX \"public\".\"IDX_rm_events_position\"");
  }
}
