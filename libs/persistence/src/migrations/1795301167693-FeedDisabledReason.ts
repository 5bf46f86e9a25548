import { MigrationInterface, QueryRunner } from 'typeorm';

export class FeedDisabledReason1795301167693 implements MigrationInterface {
  name = 'FeedDisabledReason1795301167693';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"feeds\" ADD \"disabled_reason\" text");
    await queryRunner.query("ALTER TABLE \"feeds\" ADD \"disabled_at\" TIMESTAMP WITH TIME ZONE");
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"feeds\" DROP COLUMN \"disabled_at\"");
    await queryRunner.query("ALTER TABLE \"feeds\" DROP COLUMN \"disabled_reason\"");
  }
}
