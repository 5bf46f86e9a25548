import { assignIssues, loadIssues } from '@stancewatch/domain/issues';
import { ActorProjection } from '@stancewatch/domain/projection';
import { createDataSource, ProjectionRebuilder } from '@stancewatch/persistence';
import { loadConfig } from '@stancewatch/platform/config';

/** Replays the event store into fresh read models and switches over once they have caught up. */
export async function projectionsRebuildCommand(): Promise<number> {
  const config = loadConfig();
  const issues = loadIssues(config.issuesFile);
  const dataSource = await createDataSource(config.databaseUrl, { poolSize: 2, applicationName: 'stancewatch-rebuild' }).initialize();
  try {
    const rebuilder = new ProjectionRebuilder(
      dataSource,
      (actor) => new ActorProjection(actor, (o) => assignIssues({ type: o.type, actor: o.actor, target: o.target, asset: o.asset, evidence: o.evidence }, issues)),
      (input) => assignIssues({ type: input.type, actor: input.actor, target: input.target, asset: input.asset, evidence: input.evidence }, issues),
      ({ events, elapsedMs, phase }) => {
        const rate = elapsedMs ? Math.round((events / elapsedMs) * 1000) : 0;
        process.stderr.write(`rebuild: ${phase.padEnd(8)} ${events} events, ${(elapsedMs / 1000).toFixed(1)} s, ${rate} events/s\n`);
      },
    );
    // the switch transaction itself notifies the APIs, which drop responses cached from the replaced tables
    const { events, elapsedMs } = await rebuilder.run();
    console.log(`read models rebuilt from ${events} events in ${(elapsedMs / 1000).toFixed(1)} s and switched over`);
    return 0;
  } finally {
    await dataSource.destroy();
  }
}
