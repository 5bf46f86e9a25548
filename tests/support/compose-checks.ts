// Structure checks for docker/docker-compose.yml. No Docker engine runs where the tests run, so
// instead of `docker compose config` this reads the compose file as data and checks it against
// the repository: services named in depends_on exist, every app container runs an app that is in
// apps/, the migration step runs a command the cli declares, env names match what the apps read,
// the build targets exist in the Dockerfile, secrets come from the environment, and .env.example
// documents every variable. checkCompose returns a list of problems (empty means fine) so tests
// can also feed it broken compose objects and see it complain.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import YAML from 'yaml';

export interface ComposeCheckOptions {
  /** Repository root: apps/NAME/src/main.ts and apps/cli/src are looked up under it. */
  repoRoot: string;
  /** Directory of the compose file; build contexts are relative to it. */
  composeDir: string;
  /** Every env var name the apps read (ENV_VARS from libs/platform/src/config.ts). */
  envVars: readonly string[];
  /** Names every app container must set to a non-empty value. */
  requiredEnvVars: readonly string[];
  /** Services that must exist and carry a working healthcheck. */
  healthchecked: readonly string[];
  /** Infrastructure every long-running app must wait for with `condition: service_healthy`. */
  infrastructure: readonly string[];
  /** Text of .env.example, or null when the file is missing. */
  envExample: string | null;
}

type Dict = Record<string, unknown>;

const DEPENDS_CONDITIONS = ['service_started', 'service_healthy', 'service_completed_successfully'];
const LONG_RUNNING_RESTART = ['always', 'unless-stopped', 'on-failure'];
const SECRET_NAME = /(PASSWORD|SECRET|API_KEY|TOKEN)$/;
/** `${NAME:?message}` or `${NAME?message}`: compose stops with the message when NAME is unset. */
const REQUIRED_INTERPOLATION = /^\$\{[A-Za-z_][A-Za-z0-9_]*:?\?[^}]*\}$/;
const APP_ENTRY = /^(?:\.\/|\/app\/)?dist\/apps\/([^/\s]+)\/src\/main\.js$/;

const isDict = (value: unknown): value is Dict => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Reads a compose file the way compose does for our purposes: YAML with anchors and `<<` merge keys. */
export function loadCompose(path: string): Dict {
  const doc: unknown = YAML.parse(readFileSync(path, 'utf8'), { merge: true, maxAliasCount: -1 });
  if (!isDict(doc)) throw new Error(`${path}: not a YAML mapping`);
  return doc;
}

/** `command`/`entrypoint`/healthcheck `test` as a list of words (string form split on whitespace). */
export function words(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  if (typeof value === 'string') return value.trim().split(/\s+/).filter(Boolean);
  return [];
}

/** A service's `environment` as name → value; value null means "passed through from the host". */
export function serviceEnvironment(service: Dict): Record<string, string | null> {
  const env = service.environment;
  const out: Record<string, string | null> = {};
  if (Array.isArray(env)) {
    for (const entry of env.map(String)) {
      const eq = entry.indexOf('=');
      if (eq === -1) out[entry] = null;
      else out[entry.slice(0, eq)] = entry.slice(eq + 1);
    }
  } else if (isDict(env)) {
    for (const [name, value] of Object.entries(env)) out[name] = value === null || value === undefined ? null : String(value);
  }
  return out;
}

/** depends_on in either form, as name → condition. */
export function dependencies(service: Dict): Record<string, string> {
  const deps = service.depends_on;
  if (Array.isArray(deps)) return Object.fromEntries(deps.map((name) => [String(name), 'service_started']));
  if (isDict(deps)) {
    return Object.fromEntries(
      Object.entries(deps).map(([name, spec]) => [name, isDict(spec) && typeof spec.condition === 'string' ? spec.condition : 'service_started']),
    );
  }
  return {};
}

/** The app a service runs (NAME of dist/apps/NAME/src/main.js) and the arguments after it. */
export function appCommand(service: Dict): { app: string; args: string[] } | null {
  const argv = [...words(service.entrypoint), ...words(service.command)];
  for (let i = 0; i < argv.length; i++) {
    const match = APP_ENTRY.exec(argv[i]);
    if (match) return { app: match[1], args: argv.slice(i + 1) };
  }
  return null;
}

/** Services built from this repository: they have a `build` section or run a compiled app. */
export function appServices(services: Dict): string[] {
  return Object.keys(services).filter((name) => {
    const service = services[name];
    return isDict(service) && (service.build !== undefined || appCommand(service) !== null);
  });
}

export interface DockerStage {
  name: string | null;
  base: string;
  lines: string[];
}

/** Splits a Dockerfile into stages (FROM ... [AS name]) with their instruction lines. */
export function dockerfileStages(text: string): DockerStage[] {
  const logical = text.replace(/\\\r?\n/g, ' ').split(/\r?\n/).map((line) => line.trim());
  const stages: DockerStage[] = [];
  for (const line of logical) {
    if (!line || line.startsWith('#')) continue;
    const from = /^FROM\s+(?:--platform=\S+\s+)?(\S+)(?:\s+AS\s+(\S+))?\s*$/i.exec(line);
    if (from) stages.push({ base: from[1], name: from[2] ?? null, lines: [] });
    else if (stages.length) stages[stages.length - 1].lines.push(line);
  }
  return stages;
}

function checkDockerfile(service: string, build: unknown, opts: ComposeCheckOptions, problems: string[]): void {
  const spec = typeof build === 'string' ? { context: build } : isDict(build) ? build : null;
  if (!spec) return void problems.push(`${service}: build must be a path or a mapping`);
  const context = resolve(opts.composeDir, String(spec.context ?? '.'));
  const dockerfile = resolve(context, String(spec.dockerfile ?? 'Dockerfile'));
  if (!existsSync(dockerfile)) return void problems.push(`${service}: build.dockerfile ${dockerfile} does not exist`);
  const stages = dockerfileStages(readFileSync(dockerfile, 'utf8'));
  if (!stages.length) return void problems.push(`${service}: ${dockerfile} has no FROM`);
  const byName = new Map(stages.filter((s) => s.name).map((s) => [s.name!.toLowerCase(), s]));

  for (const stage of stages) {
    for (const line of stage.lines) {
      const from = /--from=(\S+)/i.exec(line);
      if (!from) continue;
      const ref = from[1].toLowerCase();
      const isImage = /[:/@]/.test(ref) || /^\d+$/.test(ref);
      if (!isImage && !byName.has(ref)) problems.push(`${service}: ${dockerfile}: "${line}" copies from stage "${from[1]}", which is not defined`);
    }
  }

  let runtime = stages[stages.length - 1];
  if (spec.target !== undefined) {
    const target = byName.get(String(spec.target).toLowerCase());
    if (!target) {
      const names = [...byName.keys()].join(', ') || 'none';
      return void problems.push(`${service}: build.target "${String(spec.target)}" is not a stage of ${dockerfile} (stages: ${names})`);
    }
    runtime = target;
  }
  // The image the service runs must not run as root: find the last USER along the stage chain.
  let user: string | null = null;
  for (let stage: DockerStage | undefined = runtime, hops = 0; stage && user === null && hops < stages.length; hops++) {
    const users = stage.lines.filter((line) => /^USER\s/i.test(line));
    if (users.length) user = users[users.length - 1].split(/\s+/)[1];
    stage = byName.get(stage.base.toLowerCase());
  }
  if (user === null || /^(root|0)(:|$)/.test(user)) problems.push(`${service}: the image's stage runs as root (add a non-root USER)`);
}

/** Names of the source files of an app (non-test .ts under apps/NAME/src). */
function sourceFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) out.push(...sourceFiles(path));
    else if (entry.endsWith('.ts') && !/\.(int-|e2e-)?spec\.ts$/.test(entry)) out.push(path);
  }
  return out;
}

/** Whether the cli's source declares `command` as a string literal. */
export function cliDeclares(repoRoot: string, command: string): boolean {
  const quoted = ["'", '"', '`'].map((q) => q + command + q);
  return sourceFiles(join(repoRoot, 'apps/cli/src')).some((file) => {
    const text = readFileSync(file, 'utf8');
    return quoted.some((literal) => text.includes(literal));
  });
}

/** Every variable a compose document interpolates (`${NAME...}` / `$NAME`, not `$$` escapes). */
export function interpolatedNames(doc: unknown): Set<string> {
  const names = new Set<string>();
  const visit = (value: unknown): void => {
    if (typeof value === 'string') {
      const text = value.replace(/\$\$/g, '');
      for (const match of text.matchAll(/\$\{?([A-Za-z_][A-Za-z0-9_]*)/g)) names.add(match[1]);
    } else if (Array.isArray(value)) value.forEach(visit);
    else if (isDict(value)) Object.values(value).forEach(visit);
  };
  visit(doc);
  return names;
}

/** Names assigned in an env file (`NAME=`), with whether a comment line sits right above. */
export function documentedNames(envText: string): Map<string, { commented: boolean }> {
  const lines = envText.split(/\r?\n/);
  const out = new Map<string, { commented: boolean }>();
  lines.forEach((line, i) => {
    const match = /^\s*(?:#\s*)?([A-Za-z_][A-Za-z0-9_]*)=/.exec(line);
    if (!match || out.has(match[1])) return;
    let j = i - 1;
    // Skip other assignments directly above so a comment can head a small group of lines.
    while (j >= 0 && /^\s*[A-Za-z_][A-Za-z0-9_]*=/.test(lines[j])) j--;
    out.set(match[1], { commented: j >= 0 && /^\s*#/.test(lines[j]) && !/^\s*#\s*[A-Za-z_][A-Za-z0-9_]*=/.test(lines[j]) });
  });
  return out;
}

/** Parses KEY=VALUE lines of an env file (comments and blanks ignored, surrounding quotes stripped). */
export function parseEnvFile(envText: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of envText.split(/\r?\n/)) {
    const match = /^\s*([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(line);
    if (!match) continue;
    let value = match[2].trim();
    if (/^(['"]).*\1$/.test(value)) value = value.slice(1, -1);
    out[match[1]] = value;
  }
  return out;
}

/**
 * Compose-style interpolation: $$, $NAME, ${NAME}, ${NAME:-default}, ${NAME-default},
 * ${NAME:?error}, ${NAME?error}, ${NAME:+alt}, ${NAME+alt}; defaults may nest. Throws where compose
 * would refuse to start.
 */
export function interpolate(input: string, vars: Record<string, string | undefined>): string {
  let out = '';
  let i = 0;
  while (i < input.length) {
    if (input[i] !== '$') {
      out += input[i++];
      continue;
    }
    if (input[i + 1] === '$') {
      out += '$';
      i += 2;
      continue;
    }
    if (input[i + 1] === '{') {
      let depth = 1;
      let j = i + 2;
      while (j < input.length) {
        if (input.startsWith('${', j)) {
          depth++;
          j += 2;
          continue;
        }
        if (input[j] === '}' && --depth === 0) break;
        j++;
      }
      if (depth !== 0) throw new Error(`unterminated \${ in "${input}"`);
      const body = input.slice(i + 2, j);
      const match = /^([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?+])([\s\S]*))?$/.exec(body);
      if (!match) throw new Error(`invalid interpolation "\${${body}}"`);
      const [, name, op, arg = ''] = match;
      const value = vars[name];
      const unset = value === undefined;
      const empty = unset || value === '';
      const missing = op?.startsWith(':') ? empty : unset;
      if (!op) out += value ?? '';
      else if (op.endsWith('-')) out += missing ? interpolate(arg, vars) : value;
      else if (op.endsWith('?')) {
        if (missing) throw new Error(`required variable ${name} is missing a value: ${interpolate(arg, vars)}`);
        out += value;
      } else out += missing ? '' : interpolate(arg, vars);
      i = j + 1;
      continue;
    }
    const bare = /^[A-Za-z_][A-Za-z0-9_]*/.exec(input.slice(i + 1));
    if (bare) {
      out += vars[bare[0]] ?? '';
      i += 1 + bare[0].length;
    } else out += input[i++];
  }
  return out;
}

function hasHealthcheck(service: unknown): boolean {
  if (!isDict(service) || !isDict(service.healthcheck)) return false;
  const check = service.healthcheck;
  const test = words(check.test);
  return check.disable !== true && test.length > 0 && test[0] !== 'NONE';
}

/** Runs every structure check; returns human-readable problems, empty when the file is sound. */
export function checkCompose(compose: unknown, opts: ComposeCheckOptions): string[] {
  const problems: string[] = [];
  if (!isDict(compose) || !isDict(compose.services) || !Object.keys(compose.services).length) {
    return ['compose file has no services'];
  }
  const services = compose.services as Dict;
  const names = Object.keys(services);
  const apps = appServices(services);
  const envVars = new Set(opts.envVars);

  // depends_on: targets exist, conditions are valid and can actually be met.
  for (const name of names) {
    const service = services[name];
    if (!isDict(service)) {
      problems.push(`${name}: service definition is not a mapping`);
      continue;
    }
    for (const [dep, condition] of Object.entries(dependencies(service))) {
      if (!(dep in services)) {
        problems.push(`${name}: depends_on names "${dep}", which is not a service`);
        continue;
      }
      if (!DEPENDS_CONDITIONS.includes(condition)) problems.push(`${name}: depends_on ${dep} has unknown condition "${condition}"`);
      if (condition === 'service_healthy' && !hasHealthcheck(services[dep])) {
        problems.push(`${name}: waits for ${dep} to be healthy but ${dep} has no healthcheck`);
      }
      const depRestart = isDict(services[dep]) ? (services[dep] as Dict).restart : undefined;
      if (condition === 'service_completed_successfully' && (depRestart === 'always' || depRestart === 'unless-stopped')) {
        problems.push(`${name}: waits for ${dep} to complete but ${dep} restarts "${String(depRestart)}"`);
      }
    }
    // Secrets never appear as literals: they must be required interpolations from the env file.
    for (const [key, value] of Object.entries(serviceEnvironment(service))) {
      if (SECRET_NAME.test(key) && (value === null || !REQUIRED_INTERPOLATION.test(value))) {
        problems.push(`${name}: secret ${key} must be set as \${${key}:?message} from the env file, not ${value === null ? 'passed through' : 'a literal'}`);
      }
    }
    if (service.build !== undefined) checkDockerfile(name, service.build, opts, problems);
  }

  // Required healthchecks.
  for (const name of opts.healthchecked) {
    if (!(name in services)) problems.push(`required service "${name}" is missing`);
    else if (!hasHealthcheck(services[name])) problems.push(`${name}: has no healthcheck`);
  }

  // App containers: run an app that exists, with env the apps understand.
  const migrators: string[] = [];
  for (const name of apps) {
    const service = services[name] as Dict;
    const command = appCommand(service);
    if (!command) {
      problems.push(`${name}: command does not run an app (expected dist/apps/NAME/src/main.js)`);
    } else {
      const entry = join('apps', command.app, 'src', 'main.ts');
      if (!existsSync(join(opts.repoRoot, entry))) problems.push(`${name}: runs app "${command.app}" but ${entry} does not exist`);
      if (command.app === 'cli') {
        const [cliCommand] = command.args;
        if (!cliCommand) problems.push(`${name}: runs the cli without a command`);
        else if (!cliDeclares(opts.repoRoot, cliCommand)) problems.push(`${name}: runs cli command "${cliCommand}", which apps/cli/src does not declare`);
        else if (cliCommand === 'migration:run') migrators.push(name);
      }
    }

    if (service.env_file !== undefined) problems.push(`${name}: env_file cannot be checked; list the variables under environment`);
    const env = serviceEnvironment(service);
    for (const key of Object.keys(env)) {
      if (!envVars.has(key)) problems.push(`${name}: sets ${key}, which is not in ENV_VARS (libs/platform/src/config.ts)`);
    }
    for (const key of opts.requiredEnvVars) {
      if (!(key in env)) problems.push(`${name}: does not set required ${key}`);
      else if (!env[key]) problems.push(`${name}: sets required ${key} to nothing`);
    }
  }

  // Long-running apps restart, wait for healthy infrastructure and for the migrations.
  for (const name of apps) {
    const service = services[name] as Dict;
    if (appCommand(service)?.app === 'cli') {
      if (LONG_RUNNING_RESTART.slice(0, 2).includes(String(service.restart))) problems.push(`${name}: one-shot cli step must not restart "${String(service.restart)}"`);
      continue;
    }
    if (!LONG_RUNNING_RESTART.includes(String(service.restart))) problems.push(`${name}: needs a restart policy (${LONG_RUNNING_RESTART.join(' / ')})`);
    const deps = dependencies(service);
    for (const infra of opts.infrastructure) {
      if (deps[infra] !== 'service_healthy') problems.push(`${name}: must depend on ${infra} with condition service_healthy`);
    }
    if (!migrators.length) continue;
    if (!migrators.some((migrator) => deps[migrator] === 'service_completed_successfully')) {
      problems.push(`${name}: must depend on ${migrators.join(' or ')} with condition service_completed_successfully`);
    }
  }
  if (apps.length && !migrators.length) problems.push('no service runs the cli\'s "migration:run" step');
  for (const migrator of migrators) {
    const deps = dependencies(services[migrator] as Dict);
    if (opts.infrastructure.includes('postgres') && deps.postgres !== 'service_healthy') {
      problems.push(`${migrator}: must depend on postgres with condition service_healthy`);
    }
  }

  // .env.example documents every app setting and every variable the compose file interpolates.
  if (opts.envExample === null) problems.push('.env.example is missing');
  else {
    const documented = documentedNames(opts.envExample);
    const wanted = new Set([...opts.envVars, ...interpolatedNames(compose)]);
    for (const key of wanted) {
      const doc = documented.get(key);
      if (!doc) problems.push(`.env.example does not document ${key}`);
      else if (!doc.commented) problems.push(`.env.example lists ${key} without a comment above it`);
    }
  }
  return problems;
}
