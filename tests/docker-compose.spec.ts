// docker/ can't be run here (no Docker engine), so this checks its structure against the repo:
// see tests/support/compose-checks.ts for what "structure" covers. The second half feeds the same
// checks broken compose files to prove they can fail.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { ENV_VARS, loadConfig } from '@stancewatch/platform/config';
import {
  appCommand,
  appServices,
  checkCompose,
  ComposeCheckOptions,
  interpolate,
  loadCompose,
  parseEnvFile,
  serviceEnvironment,
} from './support/compose-checks';

const repoRoot = resolve(__dirname, '..');
const composeDir = join(repoRoot, 'docker');
const composePath = join(composeDir, 'docker-compose.yml');
const envExamplePath = join(composeDir, '.env.example');

/** The settings loadConfig cannot do without; kept honest by the first test below. */
const REQUIRED_ENV_VARS = ['DATABASE_URL', 'KAFKA_BROKERS'] as const;
const HEALTHCHECKED = ['kafka', 'postgres', 'api'];
const INFRASTRUCTURE = ['kafka', 'postgres'];

const realOptions = (): ComposeCheckOptions => ({
  repoRoot,
  composeDir,
  envVars: ENV_VARS,
  requiredEnvVars: REQUIRED_ENV_VARS,
  healthchecked: HEALTHCHECKED,
  infrastructure: INFRASTRUCTURE,
  envExample: existsSync(envExamplePath) ? readFileSync(envExamplePath, 'utf8') : null,
});

describe('docker/docker-compose.yml', () => {
  const compose = loadCompose(composePath);
  const services = compose.services as Record<string, Record<string, unknown>>;

  it('treats exactly DATABASE_URL and KAFKA_BROKERS as required, as loadConfig does', () => {
    const minimal = { DATABASE_URL: 'postgres://u:p@db:5432/d', KAFKA_BROKERS: 'kafka:9092' };
    expect(() => loadConfig(minimal)).not.toThrow();
    for (const name of REQUIRED_ENV_VARS) {
      expect(() => loadConfig({ ...minimal, [name]: undefined })).toThrow();
    }
  });

  it('passes every structure check against the repository', () => {
    expect(checkCompose(compose, realOptions())).toEqual([]);
  });

  it('runs every app in nest-cli.json as its own container', () => {
    const nest = JSON.parse(readFileSync(join(repoRoot, 'nest-cli.json'), 'utf8')) as {
      projects: Record<string, { type: string }>;
    };
    const declared = Object.entries(nest.projects)
      .filter(([name, project]) => project.type === 'application' && name !== 'cli')
      .map(([name]) => name);
    const running = appServices(services).map((name) => appCommand(services[name])?.app);
    for (const app of declared) expect(running).toContain(app);
  });

  it('copies every run-time data directory of the repo into the image', () => {
    const dockerfile = readFileSync(join(composeDir, 'Dockerfile'), 'utf8');
    const dataDirs = readdirSync(join(repoRoot, 'libs'))
      .map((lib) => `libs/${lib}/data`)
      .filter((dir) => existsSync(join(repoRoot, dir)));
    for (const dir of [...dataDirs, 'config']) expect(dockerfile).toContain(dir);
  });

  describe('resolved the way compose would, with the values of .env.example', () => {
    const vars = {
      ...parseEnvFile(readFileSync(envExamplePath, 'utf8')),
      // The two secrets .env.example leaves for the operator to fill in.
      ADMIN_API_KEY: 'k'.repeat(32),
      POSTGRES_PASSWORD: 'compose-test-password',
    };
    const resolvedEnv = (name: string, values: Record<string, string | undefined> = vars) =>
      Object.fromEntries(Object.entries(serviceEnvironment(services[name])).map(([key, value]) => [key, interpolate(value ?? '', values)]));

    it.each(appServices(services))('%s gets a configuration loadConfig accepts, pointing at the compose infrastructure', (name) => {
      const env = resolvedEnv(name);
      const config = loadConfig(env);
      expect(new URL(config.databaseUrl).hostname).toBe('postgres');
      for (const broker of config.kafkaBrokers) expect(Object.keys(services)).toContain(broker.split(':')[0]);
    });

    it('gives the api a listen address reachable from outside its container and the admin key', () => {
      const config = loadConfig(resolvedEnv('api'));
      expect(config.apiHost).toBe('0.0.0.0');
      expect(config.adminApiKey).toBe('k'.repeat(32));
    });

    it('refuses to start without ADMIN_API_KEY or POSTGRES_PASSWORD', () => {
      expect(() => resolvedEnv('api', { ...vars, ADMIN_API_KEY: '' })).toThrow(/ADMIN_API_KEY/);
      expect(() => resolvedEnv('migrate', { ...vars, POSTGRES_PASSWORD: undefined })).toThrow(/POSTGRES_PASSWORD/);
    });
  });
});

describe('compose structure checks', () => {
  // A tiny stand-in repository, so these tests don't depend on which apps exist in the real one.
  let fixtureRoot: string;
  const write = (path: string, text: string) => {
    mkdirSync(dirname(join(fixtureRoot, path)), { recursive: true });
    writeFileSync(join(fixtureRoot, path), text);
  };
  const envExample = [
    '# required',
    'DATABASE_URL=',
    '# required',
    'KAFKA_BROKERS=',
    '# optional',
    'API_PORT=',
    '# admin secret',
    'ADMIN_API_KEY=',
    '# postgres password',
    'POSTGRES_PASSWORD=',
  ].join('\n');
  const options = (): ComposeCheckOptions => ({
    repoRoot: fixtureRoot,
    composeDir: join(fixtureRoot, 'docker'),
    envVars: ['DATABASE_URL', 'KAFKA_BROKERS', 'API_PORT', 'ADMIN_API_KEY'],
    requiredEnvVars: REQUIRED_ENV_VARS,
    healthchecked: HEALTHCHECKED,
    infrastructure: INFRASTRUCTURE,
    envExample,
  });

  beforeAll(() => {
    fixtureRoot = mkdtempSync(join(tmpdir(), 'compose-checks-'));
    write('apps/api/src/main.ts', 'export {};\n');
    write('apps/worker/src/main.ts', 'export {};\n');
    write('apps/cli/src/main.ts', "const commands = { 'migration:run': () => undefined };\nexport default commands;\n");
    write('docker/Dockerfile', 'FROM node:20 AS build\nRUN true\nFROM node:20-slim AS runtime\nCOPY --from=build /out ./\nUSER node\nENTRYPOINT ["node"]\n');
  });
  afterAll(() => rmSync(fixtureRoot, { recursive: true, force: true }));

  const env = { DATABASE_URL: 'postgres://u:${POSTGRES_PASSWORD:?set it}@postgres/db', KAFKA_BROKERS: 'kafka:9092' };
  const build = { context: '..', dockerfile: 'docker/Dockerfile', target: 'runtime' };
  const healthcheck = { test: ['CMD', 'true'] };
  const waits = {
    kafka: { condition: 'service_healthy' },
    postgres: { condition: 'service_healthy' },
    migrate: { condition: 'service_completed_successfully' },
  };
  // A fresh deep copy per test (JSON round trip, so no two services share an object): the
  // mutations below must not leak into the pieces above or into other services.
  const baseline = {
    services: {
      kafka: { image: 'apache/kafka:3.9.1', healthcheck },
      postgres: { image: 'postgres:16', environment: { POSTGRES_PASSWORD: '${POSTGRES_PASSWORD:?set it}' }, healthcheck },
      migrate: {
        build,
        restart: 'no',
        command: ['dist/apps/cli/src/main.js', 'migration:run'],
        environment: env,
        depends_on: { postgres: { condition: 'service_healthy' } },
      },
      worker: { build, restart: 'unless-stopped', command: 'dist/apps/worker/src/main.js', environment: env, depends_on: waits },
      api: {
        build,
        restart: 'unless-stopped',
        command: ['dist/apps/api/src/main.js'],
        environment: { ...env, API_PORT: '${API_PORT:-3000}', ADMIN_API_KEY: '${ADMIN_API_KEY:?set it}' },
        depends_on: waits,
        healthcheck,
      },
    },
  };
  const valid = (): typeof baseline => JSON.parse(JSON.stringify(baseline));
  type Compose = ReturnType<typeof valid>;
  const problemsAfter = (mutate: (compose: Compose) => void, tweak: (o: ComposeCheckOptions) => void = () => {}) => {
    const compose = valid();
    mutate(compose);
    const opts = options();
    tweak(opts);
    return checkCompose(compose, opts);
  };

  it('accept the valid baseline', () => {
    expect(checkCompose(valid(), options())).toEqual([]);
  });

  it.each<[string, (c: Compose) => void, RegExp]>([
    ['depends_on names a missing service', (c) => Object.assign(c.services.worker.depends_on, { redis: { condition: 'service_started' } }), /depends_on names "redis"/],
    ['depends_on in list form names a missing service', (c) => Object.assign(c.services.api, { depends_on: ['kafka', 'nope'] }), /depends_on names "nope"/],
    ['a command runs an app that is not in apps/', (c) => (c.services.worker.command = 'dist/apps/alerter/src/main.js'), /runs app "alerter" but apps\/alerter\/src\/main\.ts does not exist/],
    ['a built service runs something that is not an app', (c) => (c.services.worker.command = 'node -e 1'), /command does not run an app/],
    ['the migrate step runs a command the cli does not declare', (c) => (c.services.migrate.command = ['dist/apps/cli/src/main.js', 'migration:revert']), /cli command "migration:revert"/],
    ['an env var is set that the apps do not read', (c) => Object.assign(c.services.worker.environment, { KAFKA_BROKER: 'kafka:9092' }), /sets KAFKA_BROKER, which is not in ENV_VARS/],
    ['a required env var is missing', (c) => (c.services.worker.environment = { KAFKA_BROKERS: 'kafka:9092' } as typeof env), /worker: does not set required DATABASE_URL/],
    ['a required env var is empty', (c) => (c.services.api.environment = { ...c.services.api.environment, KAFKA_BROKERS: '' }), /api: sets required KAFKA_BROKERS to nothing/],
    ['the api has no healthcheck', (c) => delete (c.services.api as Partial<Compose['services']['api']>).healthcheck, /api: has no healthcheck/],
    ['kafka healthcheck is disabled', (c) => Object.assign(c.services.kafka, { healthcheck: { test: ['NONE'] } }), /kafka: has no healthcheck/],
    ['postgres is missing', (c) => delete (c.services as Partial<Compose['services']>).postgres, /required service "postgres" is missing/],
    ['the build target is not a Dockerfile stage', (c) => (c.services.api.build = { ...build, target: 'prod' }), /build\.target "prod" is not a stage/],
    ['the Dockerfile does not exist', (c) => (c.services.api.build = { ...build, dockerfile: 'docker/Dockerfile.missing' }), /does not exist/],
    ['a secret is hard-coded', (c) => Object.assign(c.services.api.environment, { ADMIN_API_KEY: 'hunter2hunter2hunter2' }), /secret ADMIN_API_KEY must be set as/],
    ['a service waits on the migration without the completed condition', (c) => (c.services.worker.depends_on = { ...waits, migrate: { condition: 'service_started' } }), /worker: must depend on migrate with condition service_completed_successfully/],
    ['a service does not wait for healthy kafka', (c) => (c.services.worker.depends_on = { ...waits, kafka: { condition: 'service_started' } }), /worker: must depend on kafka with condition service_healthy/],
    ['a one-shot step restarts forever', (c) => (c.services.migrate.restart = 'unless-stopped'), /one-shot cli step must not restart/],
    ['a long-running app has no restart policy', (c) => delete (c.services.worker as Partial<Compose['services']['worker']>).restart, /worker: needs a restart policy/],
    ['an app reads its env from an env_file', (c) => Object.assign(c.services.worker, { env_file: '.env' }), /env_file cannot be checked/],
  ])('fail when %s', (_, mutate, expected) => {
    expect(problemsAfter(mutate)).toContainEqual(expect.stringMatching(expected));
  });

  it('fail when .env.example leaves out a variable the apps read or the compose file interpolates', () => {
    const withoutApiPort = (o: ComposeCheckOptions) => (o.envExample = envExample.replace('API_PORT=', ''));
    expect(problemsAfter(() => {}, withoutApiPort)).toContainEqual('.env.example does not document API_PORT');
    const interpolatesMore = (c: Compose) => (c.services.kafka.image = 'apache/kafka:${KAFKA_TAG:-3.9.1}');
    expect(problemsAfter(interpolatesMore)).toContainEqual('.env.example does not document KAFKA_TAG');
    expect(problemsAfter(() => {}, (o) => (o.envExample = null))).toContainEqual('.env.example is missing');
  });

  it('fail when the runtime stage runs as root', () => {
    write('docker/Dockerfile.root', 'FROM node:20 AS build\nFROM node:20-slim AS runtime\nCOPY --from=build /out ./\n');
    const rootImage = (c: Compose) => (c.services.api.build = { ...build, dockerfile: 'docker/Dockerfile.root' });
    expect(problemsAfter(rootImage)).toContainEqual(expect.stringMatching(/api: the image's stage runs as root/));
  });

  it('fail on the real compose file once it is broken', () => {
    const compose = loadCompose(composePath) as { services: Record<string, Record<string, unknown>> };
    const broken = structuredClone(compose);
    broken.services.api.depends_on = { ...(broken.services.api.depends_on as object), kafak: { condition: 'service_healthy' } };
    broken.services.extractor.environment = { ...(broken.services.extractor.environment as object), EXTRACTOR_MODE: 'fast' };
    const problems = checkCompose(broken, realOptions());
    expect(problems).toContainEqual('api: depends_on names "kafak", which is not a service');
    expect(problems).toContainEqual(expect.stringMatching(/extractor: sets EXTRACTOR_MODE, which is not in ENV_VARS/));
  });

  it('interpolate like compose does', () => {
    const vars = { SET: 'x', EMPTY: '' };
    expect(interpolate('${SET:-d} ${EMPTY:-d} ${EMPTY-d} ${UNSET-d} $$SET $SET', vars)).toBe('x d  d $SET x');
    expect(interpolate('${UNSET:-a-${SET}-b}', vars)).toBe('a-x-b');
    expect(interpolate('${SET:+on}${EMPTY:+on}', vars)).toBe('on');
    expect(() => interpolate('${EMPTY:?need it}', vars)).toThrow(/EMPTY.*need it/);
    expect(interpolate('${EMPTY?need it}', vars)).toBe('');
  });
});
