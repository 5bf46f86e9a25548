import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import countries from 'i18n-iso-countries';
import { IssueDefinition, loadIssues } from '@stancewatch/domain/issues';
import { AppConfig, CONFIG } from '@stancewatch/platform';
import actorData from '../../../../libs/domain/data/actors.json';

export type ActorKind = 'country' | 'organisation' | 'other';

const ORGANISATIONS = new Map<string, string>(
  (actorData.organisations as { code: string; names: string[] }[]).map((org) => [
    org.code,
    // the first spelled-out name ("North Atlantic Treaty Organization"), else the acronym
    org.names.find((n) => n.includes(' ') && !/^the /i.test(n)) ?? org.code,
  ]),
);

/** Display names for actor codes: ISO 3166 alpha-2 countries, and the organisations the extractor knows. */
export function describeActor(code: string): { code: string; name: string; kind: ActorKind } {
  const org = ORGANISATIONS.get(code);
  if (org) return { code, name: org, kind: 'organisation' };
  const country = code.length === 2 ? countries.getName(code, 'en') : undefined;
  if (country) return { code, name: country, kind: 'country' };
  return { code, name: code, kind: 'other' };
}

/** The configured issues (ISSUES_FILE), read once per API process. */
@Injectable()
export class IssueCatalogue {
  readonly issues: IssueDefinition[];
  private readonly byId: Map<string, IssueDefinition>;

  constructor(@Inject(CONFIG) config: AppConfig) {
    this.issues = loadIssues(config.issuesFile);
    this.byId = new Map(this.issues.map((issue) => [issue.id, issue]));
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  /** The issue, or a 404 that names it and lists the known ones. */
  require(id: string): IssueDefinition {
    const issue = this.byId.get(id);
    if (!issue) throw new NotFoundException(`issue ${JSON.stringify(id)} not found; known issues: ${this.issues.map((i) => i.id).join(', ')}`);
    return issue;
  }
}
