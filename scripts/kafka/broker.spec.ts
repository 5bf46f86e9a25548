import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

// broker.mjs is an ES module that jest's CommonJS runtime cannot import, so the check runs in a
// child node process and reports back as JSON.
function runInNode(source: string): unknown {
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', source], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(result.stderr);
  return JSON.parse(result.stdout);
}

const broker = JSON.stringify(join(__dirname, 'broker.mjs'));

describe('newClusterId', () => {
  it('draws again when the id would begin with "-", which the storage tool would read as an option', () => {
    // 0xf8 as the first byte encodes to '-' in base64url
    const drawn = runInNode(`
      import { newClusterId } from ${broker};
      const draws = [Buffer.alloc(16, 0xf8), Buffer.alloc(16, 0x41)];
      let calls = 0;
      const id = newClusterId(() => draws[calls++]);
      console.log(JSON.stringify({ id, calls }));
    `) as { id: string; calls: number };
    expect(drawn.calls).toBe(2);
    expect(drawn.id).toBe(Buffer.alloc(16, 0x41).toString('base64url'));
  });

  it('gives 22 base64url characters that never begin with "-"', () => {
    const ids = runInNode(`
      import { newClusterId } from ${broker};
      console.log(JSON.stringify(Array.from({ length: 2000 }, () => newClusterId())));
    `) as string[];
    expect(new Set(ids).size).toBe(2000);
    for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9_][A-Za-z0-9_-]{21}$/);
  });
});
