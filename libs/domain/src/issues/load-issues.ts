import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parse } from 'yaml';
import { ZodError } from 'zod';
import { IssueDefinition, issueFileSchema } from './issue-definition';

export const DEFAULT_ISSUES_FILE = join('config', 'issues.yaml');

export class IssueConfigError extends Error {
  constructor(
    readonly source: string,
    readonly problems: string[],
  ) {
    super(`invalid issues file ${source}:\n  ${problems.join('\n  ')}`);
    this.name = 'IssueConfigError';
  }
}

/**
 * Reads the issues from `path` (services pass env ISSUES_FILE), or else from config/issues.yaml,
 * looked up from the working directory and then upwards from this module (so it works from dist/).
 */
export function loadIssues(path?: string | null): IssueDefinition[] {
  const file = path ? resolve(path) : findDefaultIssuesFile();
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new IssueConfigError(file, [`cannot read: ${(error as Error).message}`]);
  }
  return parseIssues(text, file);
}

/** Parses and validates issues YAML; errors name the bad field, e.g. `issues[2].match[0].assets[1]`. */
export function parseIssues(yamlText: string, source = '<inline>'): IssueDefinition[] {
  let data: unknown;
  try {
    data = parse(yamlText);
  } catch (error) {
    throw new IssueConfigError(source, [`not valid YAML: ${(error as Error).message}`]);
  }
  const result = issueFileSchema.safeParse(data);
  if (!result.success) throw new IssueConfigError(source, describe(result.error));
  return result.data.issues;
}

function describe(error: ZodError): string[] {
  return error.issues.map((issue) => {
    const path = issue.path.reduce<string>(
      (text, part) => (typeof part === 'number' ? `${text}[${part}]` : text ? `${text}.${part}` : part),
      '',
    );
    return `${path || '(root)'}: ${issue.message}`;
  });
}

function findDefaultIssuesFile(): string {
  const fromCwd = resolve(DEFAULT_ISSUES_FILE);
  if (existsSync(fromCwd)) return fromCwd;
  for (let dir = __dirname; ; dir = dirname(dir)) {
    const candidate = join(dir, DEFAULT_ISSUES_FILE);
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) return fromCwd;
  }
}
