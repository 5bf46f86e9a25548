import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IssueConfigError, assignIssues, loadIssues, parseIssues } from '@stancewatch/domain/issues';

interface GoldEvent {
  type: string;
  actor: string;
  target: string[] | string | null;
  asset: string[] | string | null;
  evidence: string[] | string;
}

// The analysts' gold for the two shared articles; skipped where the corpus is not mounted.
const corpus = process.env.CORPUS_DIR ?? '/work/shared/corpus';
const withCorpus = existsSync(join(corpus, 'seed-france-6000-troops.gold.json')) ? it : it.skip;
const gold = (name: string): GoldEvent[] => JSON.parse(readFileSync(join(corpus, `${name}.gold.json`), 'utf8'));
const issues = loadIssues();

const base = { type: 'pledge-announced', actor: 'FR', target: [] as string[], asset: [] as string[], evidence: '' };

describe('config/issues.yaml', () => {
  it('defines the five tracked issues', () => {
    expect(issues.map((i) => i.id)).toEqual([
      'ukraine-security-force',
      'ukraine-military-aid',
      'haiti-security-mission',
      'gaza-stabilisation-force',
      'nato-eastern-flank',
    ]);
    for (const issue of issues) expect(issue.title && issue.description).toBeTruthy();
  });

  withCorpus('assigns the France 6,000 troops article as an analyst would', () => {
    const assigned = gold('seed-france-6000-troops').map((e) => [e.actor, e.type, assignIssues(e, issues)]);
    expect(assigned).toEqual([
      ['FR', 'pledge-announced', ['ukraine-security-force']],
      ['GB', 'pledge-announced', ['ukraine-security-force']],
      ['FR', 'pledge-announced', ['ukraine-security-force']],
      ['CA', 'pledge-considered', ['ukraine-security-force']],
      ['BE', 'pledge-announced', ['ukraine-security-force']],
      ['LT', 'pledge-considered', ['ukraine-security-force']],
      ['ES', 'pledge-considered', ['ukraine-security-force']],
      ['RO', 'pledge-refused', ['ukraine-security-force']],
      ['RO', 'pledge-announced', ['ukraine-security-force']],
      ['US', 'support-expressed', ['ukraine-security-force']], // the U.S. backstop for coalition forces
      ['US', 'support-expressed', ['ukraine-security-force']],
      // The opposition's UN-mandate condition never names Ukraine in its sentences: unassigned.
      ['FR', 'condition-set', []],
      ['FR', 'opposition-expressed', ['ukraine-security-force']],
      // Russia's red line against Western combat troops, with no asset extracted.
      ['RU', 'red-line-stated', ['ukraine-security-force']],
    ]);
  });

  withCorpus('assigns the Ukraine-demands article: troops to the force, €2bn of missiles to aid', () => {
    const byEvidence = new Map(gold('seed-ukraine-demands-uk-french-troops').map((e) => [[e.evidence].flat()[0], assignIssues(e, issues)]));
    const find = (start: string) => [...byEvidence.entries()].find(([evidence]) => evidence.startsWith(start))![1];
    expect(find('Ukrainian President Volodymyr Zelensky has drawn')).toEqual(['ukraine-security-force']);
    expect(find('As early as January 2025 at Davos')).toEqual(['ukraine-security-force']); // no target, UA asks for troops
    expect(find('Putin labeled pre-peace troops')).toEqual(['ukraine-security-force']);
    expect(find('Foreign Ministry spokesperson Maria Zakharova')).toEqual(['ukraine-security-force']);
    expect(find('Kremlin insists on legally binding pacts sans NATO boots')).toEqual(['ukraine-security-force']);
    expect(find('August saw UK offers to guard Ukrainian skies')).toEqual(['ukraine-security-force']);
    expect(find('Macron, post-Paris, committed €2 billion')).toEqual(['ukraine-military-aid']);
    expect(find('EU ramps defense')).toEqual(['ukraine-military-aid']);
    expect(find('Trump’s 15-year U.S. pact')).toEqual([]);
  });

  it('lets one event belong to several issues', () => {
    expect(assignIssues({ ...base, target: ['UA'], asset: ['troops', 'air-defence'] }, issues)).toEqual([
      'ukraine-security-force',
      'ukraine-military-aid',
    ]);
  });

  it('assigns Haiti, Gaza and eastern-flank statements', () => {
    expect(assignIssues({ ...base, actor: 'KE', target: ['HT'], asset: ['police'] }, issues)).toEqual(['haiti-security-mission']);
    expect(
      assignIssues({ ...base, type: 'support-expressed', actor: 'US', evidence: 'Washington backs the Gang Suppression Force for Haiti.' }, issues),
    ).toEqual(['haiti-security-mission']);
    expect(assignIssues({ ...base, actor: 'ID', target: ['PS'], asset: ['troops'] }, issues)).toEqual(['gaza-stabilisation-force']);
    expect(
      assignIssues({ ...base, type: 'condition-set', actor: 'AZ', evidence: 'Baku would join the ISF in Gaza only after a full ceasefire.' }, issues),
    ).toEqual(['gaza-stabilisation-force']);
    expect(assignIssues({ ...base, actor: 'IL', target: ['PS'], asset: ['troops'] }, issues)).toEqual([]);
    expect(assignIssues({ ...base, actor: 'DE', target: ['LT'], asset: ['troops'] }, issues)).toEqual(['nato-eastern-flank']);
    expect(assignIssues({ ...base, actor: 'DK', target: ['NATO'], evidence: 'Denmark sends two F-16s to Eastern Sentry.' }, issues)).toEqual([
      'nato-eastern-flank',
    ]);
  });

  it('matches acronyms only as whole words in capitals', () => {
    const gazaByAcronym = (evidence: string) => assignIssues({ ...base, type: 'support-expressed', actor: 'EG', evidence }, issues);
    expect(gazaByAcronym('Cairo backs the ISF deployment in Gaza.')).toEqual(['gaza-stabilisation-force']);
    expect(gazaByAcronym('Cairo backs talks on Isfahan and Gaza.')).toEqual([]);
  });

  it('leaves an event that fits no issue unassigned', () => {
    expect(assignIssues({ ...base, actor: 'JP', target: ['TW'], asset: ['naval'], evidence: 'Japan sends a destroyer.' }, issues)).toEqual([]);
  });

  it('reads the default file when no path is given', () => {
    expect(loadIssues(null)).toEqual(issues);
    expect(assignIssues({ ...base, target: ['UA'], asset: ['troops'] })).toEqual(['ukraine-security-force']);
  });
});

describe('loadIssues / parseIssues', () => {
  const valid = `
issues:
  - id: arctic-patrols
    title: Arctic patrols
    description: Ships in the High North.
    match:
      - assets: [naval]
        evidence: [[arctic, high north], [patrol]]
`;

  it('reads an overriding file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'issues-'));
    const file = join(dir, 'issues.yaml');
    writeFileSync(file, valid);
    const loaded = loadIssues(file);
    expect(loaded.map((i) => i.id)).toEqual(['arctic-patrols']);
    expect(loaded[0].match[0].evidence).toEqual([['arctic', 'high north'], ['patrol']]);
    expect(assignIssues({ ...base, asset: ['naval'], evidence: 'Norway will patrol the High North.' }, loaded)).toEqual(['arctic-patrols']);
    expect(assignIssues({ ...base, asset: ['naval'], evidence: 'Norway will patrol the Baltic.' }, loaded)).toEqual([]);
  });

  it('names the bad field', () => {
    expect(() => parseIssues(valid.replace('[naval]', '[navy]'))).toThrow(/issues\[0\]\.match\[0\]\.assets\[0\]: Invalid enum value/);
    expect(() => parseIssues(valid.replace('id: arctic-patrols', 'id: Arctic Patrols'))).toThrow(/issues\[0\]\.id: expected a kebab-case id/);
    expect(() => parseIssues(valid.replace('    title: Arctic patrols\n', ''))).toThrow(/issues\[0\]\.title: Required/);
    expect(() => parseIssues(valid.replace('assets: [naval]', 'asset: [naval]'))).toThrow(/issues\[0\]\.match\[0\]: Unrecognized key\(s\) in object: 'asset'/);
    expect(() => parseIssues(valid.replace('assets: [naval]', 'targets: [ua]'))).toThrow(/match\[0\]\.targets\[0\]: expected an upper-case/);
    expect(() => parseIssues(`${valid}${valid.replace('issues:\n', '')}`)).toThrow(/issues\[1\]\.id: duplicate issue id "arctic-patrols"/);
    expect(() => parseIssues('issues: [')).toThrow(/not valid YAML/);
    expect(() => parseIssues(valid.replace(/match:[\s\S]*/, 'match:\n      - {}\n'))).toThrow(/a rule needs at least one condition/);
  });

  it('says which file it could not read', () => {
    expect(() => loadIssues('/nonexistent/issues.yaml')).toThrow(IssueConfigError);
    expect(() => loadIssues('/nonexistent/issues.yaml')).toThrow(/\/nonexistent\/issues\.yaml/);
  });
});
