import { closeSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bufferedStdout, createServiceLogger } from './logger';

describe('bufferedStdout', () => {
  const path = join(tmpdir(), `sw-buffered-${process.pid}.log`);
  let fd: number;
  beforeEach(() => {
    fd = openSync(path, 'w');
  });
  afterEach(() => {
    closeSync(fd);
    rmSync(path, { force: true });
  });
  const written = () => readFileSync(path, 'utf8');

  it('writes a block once enough lines gathered, the rest on close', () => {
    const out = bufferedStdout(60_000, 100, fd);
    out.stream.write('a'.repeat(60) + '\n');
    expect(written()).toBe('');
    out.stream.write('b'.repeat(60) + '\n');
    expect(written()).toBe('a'.repeat(60) + '\n' + 'b'.repeat(60) + '\n');
    out.stream.write('c\n');
    out.close();
    expect(written().endsWith('b\nc\n')).toBe(true);
  });

  it('writes what was logged within flushMs, as JSON lines of the service logger', async () => {
    const out = bufferedStdout(20, 64 * 1024, fd);
    const logger = createServiceLogger({ logLevel: 'info' }, 'api', out.stream);
    logger.info({ reqId: 'r1', headers: { 'x-api-key': 'k' } }, 'request completed');
    expect(written()).toBe('');
    await new Promise((resolve) => setTimeout(resolve, 100));
    const line = JSON.parse(written());
    expect(line).toMatchObject({ level: 30, service: 'api', reqId: 'r1', msg: 'request completed' });
    out.close();
  });
});
