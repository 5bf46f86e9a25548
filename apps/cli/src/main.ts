import 'reflect-metadata';
import { extractCommand } from './commands/extract.command';
import { feedPreviewCommand } from './commands/feed-preview.command';
import { migrationGenerateCommand, migrationRunCommand } from './commands/migration.command';
import { projectionsRebuildCommand } from './commands/projections.command';
import { reextractCommand } from './commands/reextract.command';

const COMMANDS: Record<string, { help: string; run: (argv: string[]) => Promise<number> }> = {
  extract: { help: 'extract [--published YYYY-MM-DD] [--title TEXT] FILE — print the events in a text or HTML file as JSON', run: extractCommand },
  'feed:preview': { help: 'feed:preview [--allow-private] URL — fetch and parse one feed, print JSON', run: feedPreviewCommand },
  'projections:rebuild': { help: 'replay the event store into fresh read models and switch over', run: () => projectionsRebuildCommand() },
  reextract: { help: 'reextract [--since YYYY-MM-DD] — announce stored articles again for the running extractor', run: reextractCommand },
  'migration:run': { help: 'apply pending database migrations', run: () => migrationRunCommand() },
  'migration:generate': { help: 'migration:generate Name — write a migration from entity changes', run: migrationGenerateCommand },
};

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  const command = name ? COMMANDS[name] : undefined;
  if (!command) {
    console.error(`usage: cli <command> [args]\n${Object.entries(COMMANDS).map(([n, c]) => `  ${n.padEnd(22)} ${c.help}`).join('\n')}`);
    return 2;
  }
  return command.run(rest);
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: Error) => {
    console.error(err.message);
    process.exit(1);
  },
);
