#!/usr/bin/env node
// Compiles the TypeScript sources into dist/ when any of them is newer than the last build,
// so `npm run extract` and friends always run current code without paying for a rebuild.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const stamp = join(root, 'dist', '.build-stamp');

function newest(dir) {
  let latest = 0;
  if (!existsSync(dir)) return latest;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) latest = Math.max(latest, newest(path));
    // lexicons and other JSON data are compiled into dist/ along with the code
    else if (entry.name.endsWith('.ts') || entry.name.endsWith('.json')) latest = Math.max(latest, statSync(path).mtimeMs);
  }
  return latest;
}

const sources = Math.max(newest(join(root, 'apps')), newest(join(root, 'libs')), newest(join(root, 'bench')), ...['tsconfig.json', 'tsconfig.build.json', 'package-lock.json'].map((f) => statSync(join(root, f)).mtimeMs));
const built = existsSync(stamp) ? statSync(stamp).mtimeMs : 0;
if (sources > built || process.argv.includes('--force')) {
  for (const [cmd, args] of [['tsc', ['-p', 'tsconfig.build.json']], ['tsc-alias', ['-p', 'tsconfig.build.json']]]) {
    const result = spawnSync(join(root, 'node_modules', '.bin', cmd), args, { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
    if (result.status !== 0) process.exit(result.status ?? 1);
  }
  writeFileSync(stamp, new Date().toISOString());
}
