import { PositionEventType } from '@stancewatch/domain/catalogue';
import { IssueDefinition, IssueRule } from './issue-definition';
import { loadIssues } from './load-issues';

/** What issue matching looks at; accepts an ExtractedEvent, a wire event's fields, or a gold record. */
export interface IssueMatchInput {
  type: PositionEventType | string;
  actor: string;
  target?: readonly string[] | string | null;
  asset?: readonly string[] | string | null;
  /** The sentence, or alternative sentences, stating the event. */
  evidence?: readonly string[] | string | null;
}

type CompiledRule = (event: NormalisedEvent) => boolean;
interface CompiledIssue {
  id: string;
  match: CompiledRule[];
  exclude: CompiledRule[];
}
interface NormalisedEvent {
  type: string;
  actor: string;
  target: string[];
  asset: string[];
  evidence: string;
}

const compiledCache = new WeakMap<readonly IssueDefinition[], CompiledIssue[]>();
let defaultIssues: IssueDefinition[] | null = null;

/** The issues in config/issues.yaml, read once. */
export function defaultIssueCatalogue(): IssueDefinition[] {
  defaultIssues ??= loadIssues();
  return defaultIssues;
}

/**
 * Ids of the issues an event belongs to, in the order the issues are configured; [] when it fits
 * none (the projector keeps it as unassigned). An event may belong to several issues.
 */
export function assignIssues(event: IssueMatchInput, issues: readonly IssueDefinition[] = defaultIssueCatalogue()): string[] {
  let compiled = compiledCache.get(issues);
  if (!compiled) {
    compiled = issues.map(compileIssue);
    compiledCache.set(issues, compiled);
  }
  const normalised = normalise(event);
  return compiled
    .filter((issue) => issue.match.some((rule) => rule(normalised)) && !issue.exclude.some((rule) => rule(normalised)))
    .map((issue) => issue.id);
}

function compileIssue(issue: IssueDefinition): CompiledIssue {
  return { id: issue.id, match: issue.match.map(compileRule), exclude: (issue.exclude ?? []).map(compileRule) };
}

function compileRule(rule: IssueRule): CompiledRule {
  const checks: CompiledRule[] = [];
  if (rule.types) {
    const types = new Set<string>(rule.types);
    checks.push((e) => types.has(e.type));
  }
  if (rule.actors) {
    const actors = new Set(rule.actors);
    checks.push((e) => actors.has(e.actor));
  }
  if (rule.targets) {
    const targets = new Set(rule.targets);
    checks.push((e) => e.target.some((t) => targets.has(t)));
  }
  if (rule.parties) {
    const parties = new Set(rule.parties);
    checks.push((e) => parties.has(e.actor) || e.target.some((t) => parties.has(t)));
  }
  if (rule.assets) {
    const assets = new Set<string>(rule.assets);
    checks.push((e) => e.asset.some((a) => assets.has(a)));
  }
  for (const group of rule.evidence ?? []) {
    const patterns = keywordPatterns(group);
    checks.push((e) => patterns.some((pattern) => pattern.test(e.evidence)));
  }
  return (event) => checks.every((check) => check(event));
}

/**
 * Keywords match at the start of a word, case-insensitively ("troop" matches "Troops"); an
 * all-capitals acronym ("ISF", "F-16") matches only as a whole word with that case, so "ISF" does
 * not match "Isfahan".
 */
function keywordPatterns(keywords: readonly string[]): RegExp[] {
  const escape = (k: string) => normaliseText(k).replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+');
  const acronyms = keywords.filter(isAcronym).map(escape);
  const prefixes = keywords.filter((k) => !isAcronym(k)).map(escape);
  const patterns: RegExp[] = [];
  if (prefixes.length) patterns.push(new RegExp(`(?<![\\p{L}\\p{N}])(?:${prefixes.join('|')})`, 'iu'));
  if (acronyms.length) patterns.push(new RegExp(`(?<![\\p{L}\\p{N}])(?:${acronyms.join('|')})(?![\\p{L}\\p{N}])`, 'u'));
  return patterns;
}

function isAcronym(keyword: string): boolean {
  return /^[A-Z][A-Z0-9-]+$/.test(keyword.trim()) && /[A-Z].*[A-Z]|[A-Z].*\d/.test(keyword);
}

function normalise(event: IssueMatchInput): NormalisedEvent {
  const list = (value: readonly string[] | string | null | undefined): string[] =>
    value == null ? [] : typeof value === 'string' ? [value] : [...value];
  return {
    type: event.type,
    actor: event.actor.toUpperCase(),
    target: list(event.target).map((t) => t.toUpperCase()),
    asset: list(event.asset),
    evidence: normaliseText(typeof event.evidence === 'string' ? event.evidence : list(event.evidence).join('\n')),
  };
}

const TYPOGRAPHIC = /[\u2018\u2019\u02bc\u201c\u201d\u2010-\u2015]/;

/** Curly quotes and dashes as plain ones, so keywords need not spell every variant. */
function normaliseText(text: string): string {
  // most sentences have none: one scan instead of three replaces
  if (!TYPOGRAPHIC.test(text)) return text;
  return text.replace(/[\u2018\u2019\u02bc]/g, "'").replace(/[\u201c\u201d]/g, '"').replace(/[\u2010-\u2015]/g, '-');
}
