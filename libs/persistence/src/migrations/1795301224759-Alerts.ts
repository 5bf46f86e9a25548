import { MigrationInterface, QueryRunner } from 'typeorm';

export class Alerts1795301224759 implements MigrationInterface {
  name = 'Alerts1795301224759';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"alert_subscriptions\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"owner_key_id\" uuid NOT NULL, \"name\" text NOT NULL, \"filter\" jsonb NOT NULL, \"channel\" text NOT NULL, \"webhook_url\" text, \"webhook_secret\" text, \"active\" boolean NOT NULL DEFAULT true, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"PK_0438e400c51219e6fbf8261369f\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"IDX_alert_subscriptions_owner\" ON \"alert_subscriptions\" (\"owner_key_id\") ");
    await queryRunner.query("CREATE TABLE \"alert_deliveries\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"seq\" BIGSERIAL NOT NULL, \"subscription_id\" uuid NOT NULL, \"dedupe_key\" text NOT NULL, \"channel\" text NOT NULL, \"status\" text NOT NULL, \"payload\" jsonb NOT NULL, \"attempts\" integer NOT NULL DEFAULT '0', \"next_attempt_at\" TIMESTAMP WITH TIME ZONE, \"first_attempt_at\" TIMESTAMP WITH TIME ZONE, \"last_attempt_at\" TIMESTAMP WITH TIME ZONE, \"last_status\" integer, \"last_error\" text, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"delivered_at\" TIMESTAMP WITH TIME ZONE, CONSTRAINT \"UQ_alert_deliveries_subscription_key\" UNIQUE (\"subscription_id\", \"dedupe_key\"), CONSTRAINT \"PK_b3d51c95891264fb62df41582ad\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"IDX_alert_deliveries_subscription_seq\" ON \"alert_deliveries\" (\"subscription_id\", \"seq\") ");
    await queryRunner.query("CREATE INDEX \"IDX_alert_deliveries_due\" ON \"alert_deliveries\" (\"status\", \"next_attempt_at\") ");
    await queryRunner.query("CREATE TABLE \"alert_occurrences\" (\"occurrence_id\" text NOT NULL, \"match_key\" text NOT NULL, \"last_day\" text NOT NULL, \"occurrence\" jsonb NOT NULL, CONSTRAINT \"PK_6cb01f49f33c983ec604111f5c8\" PRIMARY KEY (\"occurrence_id\"))");
    await queryRunner.query("CREATE INDEX \"IDX_alert_occurrences_key_day\" ON \"alert_occurrences\" (\"match_key\", \"last_day\") ");
    await queryRunner.query("ALTER TABLE \"alert_deliveries\" ADD CONSTRAINT \"FK_a039ac56256f77bc2f90dcf9349\" FOREIGN KEY (\"subscription_id\") REFERENCES \"alert_subscriptions\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"alert_deliveries\" DROP CONSTRAINT \"FK_a039ac56256f77bc2f90dcf9349\"");
    await queryRunner.query("DROP INDEX \"public\".\"IDX_alert_occurrences_key_day\"");
    await queryRunner.query("DROP TABLE \"alert_occurrences\"");
    await queryRunner.query("DROP INDEX \"public\".\"IDX_alert_deliveries_due\"");
    await queryRunner.query("DROP INDEX \"public\".\"IDX_alert_deliveries_subscription_seq\"");
    await queryRunner.query("DROP TABLE \"alert_deliveries\"");
    await queryRunner.query("DROP INDEX \"public\".\"IDX_alert_subscriptions_owner\"");
    await queryRunner.query("DROP TABLE \"alert_subscriptions\"");
  }
}
