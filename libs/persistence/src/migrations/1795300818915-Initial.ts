import { MigrationInterface, QueryRunner } from 'typeorm';

export class Initial1795300818915 implements MigrationInterface {
  name = 'Initial1795300818915';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"api_keys\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"name\" text NOT NULL, \"key_hash\" text NOT NULL, \"role\" text NOT NULL, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"revoked_at\" TIMESTAMP WITH TIME ZONE, CONSTRAINT \"PK_5c8a79801b44bd27b79228e1dad\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE UNIQUE INDEX \"UQ_api_keys_key_hash\" ON \"api_keys\" (\"key_hash\") ");
    await queryRunner.query("CREATE TABLE \"articles\" (\"id\" text NOT NULL, \"feed_id\" uuid, \"guid\" text, \"url\" text, \"title\" text NOT NULL, \"published_at\" TIMESTAMP WITH TIME ZONE, \"language\" text, \"text\" text NOT NULL, \"content_hash\" text NOT NULL, \"ingested_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"PK_0a6e2c450d83e0b6052c2793334\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"IDX_articles_feed_id\" ON \"articles\" (\"feed_id\") ");
    await queryRunner.query("CREATE INDEX \"IDX_articles_ingested_at\" ON \"articles\" (\"ingested_at\") ");
    await queryRunner.query("CREATE TABLE \"consumer_offsets\" (\"consumer_group\" text NOT NULL, \"topic\" text NOT NULL, \"partition\" integer NOT NULL, \"next_offset\" bigint NOT NULL, CONSTRAINT \"PK_fc5b193d12e2b727bcf9cabbee9\" PRIMARY KEY (\"consumer_group\", \"topic\", \"partition\"))");
    await queryRunner.query("CREATE TABLE \"rm_current_positions\" (\"actor\" text NOT NULL, \"actor_role\" text NOT NULL DEFAULT '', \"issue\" text NOT NULL, \"stance\" text NOT NULL, \"since\" text, \"cause_event_id\" uuid NOT NULL, \"event_ids\" uuid array NOT NULL, \"conditions\" jsonb NOT NULL, \"source_count\" integer NOT NULL, \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT \"PK_0b8b1c2e002bc5181e6594bc1b5\" PRIMARY KEY (\"actor\", \"actor_role\", \"issue\"))");
    await queryRunner.query("CREATE TABLE \"feeds\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"url\" text NOT NULL, \"title\" text, \"status\" text NOT NULL DEFAULT 'active', \"interval_seconds\" integer NOT NULL, \"etag\" text, \"last_modified\" text, \"last_fetched_at\" TIMESTAMP WITH TIME ZONE, \"last_new_item_at\" TIMESTAMP WITH TIME ZONE, \"next_check_at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"consecutive_errors\" integer NOT NULL DEFAULT '0', \"last_error\" text, \"items_seen\" integer NOT NULL DEFAULT '0', \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"PK_3dafbf766ecbb1eb2017732153f\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE UNIQUE INDEX \"UQ_feeds_url\" ON \"feeds\" (\"url\") ");
    await queryRunner.query("CREATE INDEX \"IDX_feeds_next_check_at\" ON \"feeds\" (\"next_check_at\") ");
    await queryRunner.query("CREATE TABLE \"outbox\" (\"id\" BIGSERIAL NOT NULL, \"topic\" text NOT NULL, \"message_key\" text, \"value\" text NOT NULL, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"published_at\" TIMESTAMP WITH TIME ZONE, CONSTRAINT \"PK_340ab539f309f03bdaa14aa7649\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"IDX_outbox_unpublished\" ON \"outbox\" (\"id\") WHERE published_at IS NULL");
    await queryRunner.query("CREATE TABLE \"rm_events\" (\"event_id\" uuid NOT NULL, \"type\" text NOT NULL, \"actor\" text NOT NULL, \"actor_role\" text, \"target\" text array NOT NULL, \"issues\" text array NOT NULL, \"stated_on\" text, \"observed_at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"evidence\" text NOT NULL, \"article_id\" text NOT NULL, \"url\" text, \"confidence\" real, \"payload\" jsonb NOT NULL, \"source_count\" integer NOT NULL DEFAULT '1', \"global_position\" bigint NOT NULL, CONSTRAINT \"PK_fa9256b172f629cd10121ee9688\" PRIMARY KEY (\"event_id\"))");
    await queryRunner.query("CREATE INDEX \"IDX_rm_events_actor_stated\" ON \"rm_events\" (\"actor\", \"stated_on\") ");
    await queryRunner.query("CREATE TABLE \"event_store\" (\"global_position\" BIGSERIAL NOT NULL, \"event_id\" uuid NOT NULL, \"stream\" text NOT NULL, \"version\" integer NOT NULL, \"type\" text NOT NULL, \"body\" jsonb NOT NULL, \"recorded_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"PK_ac24c62d7eda43393f06169f1df\" PRIMARY KEY (\"global_position\"))");
    await queryRunner.query("CREATE UNIQUE INDEX \"UQ_event_store_event_id\" ON \"event_store\" (\"event_id\") ");
    await queryRunner.query("CREATE UNIQUE INDEX \"UQ_event_store_stream_version\" ON \"event_store\" (\"stream\", \"version\") ");
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX \"public\".\"UQ_event_store_stream_version\"");
    await queryRunner.query("DROP INDEX \"public\".\"UQ_event_store_event_id\"");
    await queryRunner.query("DROP TABLE \"event_store\"");
    await queryRunner.query("DROP INDEX \"public\".\"IDX_rm_events_actor_stated\"");
    await queryRunner.query("DROP TABLE \"rm_events\"");
    await queryRunner.query("DROP INDEX \"public\".\"IDX_outbox_unpublished\"");
    await queryRunner.query("DROP TABLE \"outbox\"");
    await queryRunner.query("DROP INDEX \"public\".\"IDX_feeds_next_check_at\"");
    await queryRunner.query("DROP INDEX \"public\".\"UQ_feeds_url\"");
    await queryRunner.query("DROP TABLE \"feeds\"");
    await queryRunner.query("DROP TABLE \"rm_current_positions\"");
    await queryRunner.query("DROP TABLE \"consumer_offsets\"");
    await queryRunner.query("DROP INDEX \"public\".\"IDX_articles_ingested_at\"");
    await queryRunner.query("DROP INDEX \"public\".\"IDX_articles_feed_id\"");
    await queryRunner.query("DROP TABLE \"articles\"");
    await queryRunner.query("DROP INDEX \"public\".\"UQ_api_keys_key_hash\"");
    await queryRunner.query("DROP TABLE \"api_keys\"");
  }
}
