import { MigrationInterface, QueryRunner } from 'typeorm';

export class ProjectionReadModels1795301389564 implements MigrationInterface {
  name = 'ProjectionReadModels1795301389564';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"rm_occurrences\" (\"occurrence_id\" uuid NOT NULL, \"type\" text NOT NULL, \"actor\" text NOT NULL, \"actor_role\" text, \"target\" text array NOT NULL, \"asset\" text array NOT NULL, \"quantity\" jsonb, \"conditions\" jsonb NOT NULL, \"stated_on\" text, \"observed_at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"issues\" text array NOT NULL, \"evidence\" jsonb NOT NULL, \"urls\" jsonb NOT NULL, \"source_count\" integer NOT NULL, \"confidence\" real, \"sources\" jsonb NOT NULL, CONSTRAINT \"PK_4aa8d45395a4cf2e27233555042\" PRIMARY KEY (\"occurrence_id\"))");
    await queryRunner.query("CREATE INDEX \"IDX_rm_occurrences_actor\" ON \"rm_occurrences\" (\"actor\", \"type\") ");
    await queryRunner.query("CREATE TABLE \"rm_position_history\" (\"actor\" text NOT NULL, \"actor_role\" text NOT NULL, \"issue\" text NOT NULL, \"seq\" integer NOT NULL, \"stance\" text NOT NULL, \"from_date\" text NOT NULL, \"to_date\" text, \"cause_event_id\" uuid NOT NULL, CONSTRAINT \"PK_fff7e758651b3ee48f6a6cf8ce1\" PRIMARY KEY (\"actor\", \"actor_role\", \"issue\", \"seq\"))");
    await queryRunner.query("CREATE TABLE \"rm_pledges\" (\"occurrence_id\" uuid NOT NULL, \"issue\" text NOT NULL, \"actor\" text NOT NULL, \"actor_role\" text, \"asset\" text array NOT NULL, \"quantity\" jsonb, \"conditions\" jsonb NOT NULL, \"status\" text NOT NULL, \"withdrawn_by\" uuid, \"stated_on\" text NOT NULL, \"source_count\" integer NOT NULL, \"urls\" jsonb NOT NULL, CONSTRAINT \"PK_68e14a0cb47dbe78e73d9c5f9f4\" PRIMARY KEY (\"occurrence_id\", \"issue\"))");
    await queryRunner.query("CREATE INDEX \"IDX_rm_pledges_actor\" ON \"rm_pledges\" (\"actor\") ");
    await queryRunner.query("CREATE TABLE \"rm_pledge_totals\" (\"issue\" text NOT NULL, \"unit\" text NOT NULL, \"status\" text NOT NULL, \"actor\" text NOT NULL, \"value\" double precision, \"occurrence_ids\" text array NOT NULL, \"vague\" jsonb NOT NULL, CONSTRAINT \"PK_e831b1af5150d4070b30d8eff0c\" PRIMARY KEY (\"issue\", \"unit\", \"status\", \"actor\"))");
    await queryRunner.query("CREATE TABLE \"rm_red_lines\" (\"actor\" text NOT NULL, \"actor_role\" text NOT NULL, \"issue\" text NOT NULL, \"first_stated\" text NOT NULL, \"last_stated\" text NOT NULL, \"times_stated\" integer NOT NULL, \"times_restated\" integer NOT NULL, \"source_count\" integer NOT NULL, \"lines\" jsonb NOT NULL, \"statements\" jsonb NOT NULL, CONSTRAINT \"PK_c4b1c646c81d00219c9b342955e\" PRIMARY KEY (\"actor\", \"actor_role\", \"issue\"))");
    await queryRunner.query("CREATE TABLE \"rm_article_extractions\" (\"article_id\" text NOT NULL, \"extractor_version\" text NOT NULL, CONSTRAINT \"PK_6cbd51bc94b752049ceb0b6e403\" PRIMARY KEY (\"article_id\"))");
    await queryRunner.query("ALTER TABLE \"rm_events\" ADD \"occurrence_id\" uuid");
    await queryRunner.query("ALTER TABLE \"rm_events\" ADD \"extractor_version\" text NOT NULL");
    await queryRunner.query("ALTER TABLE \"rm_events\" ADD \"superseded\" boolean NOT NULL DEFAULT false");
    await queryRunner.query("CREATE INDEX \"IDX_rm_events_occurrence\" ON \"rm_events\" (\"occurrence_id\") ");
    await queryRunner.query("CREATE INDEX \"IDX_rm_events_article\" ON \"rm_events\" (\"article_id\") ");
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX \"public\".\"IDX_rm_events_article\"");
    await queryRunner.query("DROP INDEX \"public\".\"IDX_rm_events_occurrence\"");
    await queryRunner.query("ALTER TABLE \"rm_events\" DROP COLUMN \"superseded\"");
    await queryRunner.query("ALTER TABLE \"rm_events\" DROP COLUMN \"extractor_version\"");
    await queryRunner.query("ALTER TABLE \"rm_events\" DROP COLUMN \"occurrence_id\"");
    await queryRunner.query("DROP TABLE \"rm_article_extractions\"");
    await queryRunner.query("DROP TABLE \"rm_red_lines\"");
    await queryRunner.query("DROP TABLE \"rm_pledge_totals\"");
    await queryRunner.query("DROP INDEX \"public\".\"IDX_rm_pledges_actor\"");
    await queryRunner.query("DROP TABLE \"rm_pledges\"");
    await queryRunner.query("DROP TABLE \"rm_position_history\"");
    await queryRunner.query("DROP INDEX \"public\".\"IDX_rm_occurrences_actor\"");
    await queryRunner.query("DROP TABLE \"rm_occurrences\"");
  }
}
