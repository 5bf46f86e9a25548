import { z } from 'zod';
import { ASSETS, POSITION_EVENT_TYPES } from '@stancewatch/domain/catalogue';

const code = z.string().regex(/^[A-Z]{2,16}$/, 'expected an upper-case country or organisation code such as UA or NATO');
const keyword = z.string().trim().min(2, 'keywords need at least 2 characters');

/**
 * Evidence keywords: a flat list is one group (any keyword matches); a list of lists is several
 * groups that must all match (e.g. [[troop, peacekeep], [ukrain, kyiv]]). A keyword matches at the
 * start of a word, case-insensitively, so `troop` matches "troops" and `peacekeep` "peacekeepers".
 */
const evidenceGroups = z
  .union([z.array(keyword).min(1), z.array(z.array(keyword).min(1)).min(1)])
  .transform((groups) => (typeof groups[0] === 'string' ? [groups as string[]] : (groups as string[][])));

/** One way an event can belong to an issue; every field given must hold. */
export const issueRuleSchema = z
  .object({
    types: z.array(z.enum(POSITION_EVENT_TYPES)).min(1).optional(),
    /** The actor is one of these. */
    actors: z.array(code).min(1).optional(),
    /** Some target is one of these. */
    targets: z.array(code).min(1).optional(),
    /** The actor or some target is one of these. */
    parties: z.array(code).min(1).optional(),
    /** Some asset is one of these. */
    assets: z.array(z.enum(ASSETS)).min(1).optional(),
    evidence: evidenceGroups.optional(),
  })
  .strict()
  .refine((rule) => Object.values(rule).some((value) => value !== undefined), 'a rule needs at least one condition');

export const issueDefinitionSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'expected a kebab-case id such as ukraine-security-force'),
    title: z.string().trim().min(1),
    description: z.string().trim().min(1),
    /** The event belongs to the issue when any rule matches ... */
    match: z.array(issueRuleSchema).min(1),
    /** ... and no exclusion rule does. */
    exclude: z.array(issueRuleSchema).optional(),
  })
  .strict();

export const issueFileSchema = z
  .object({ issues: z.array(issueDefinitionSchema).min(1) })
  .strict()
  .superRefine((file, ctx) => {
    const seen = new Map<string, number>();
    file.issues.forEach((issue, index) => {
      const first = seen.get(issue.id);
      if (first !== undefined) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['issues', index, 'id'], message: `duplicate issue id "${issue.id}" (also issues[${first}])` });
      } else seen.set(issue.id, index);
    });
  });

export type IssueRule = z.output<typeof issueRuleSchema>;
export type IssueDefinition = z.output<typeof issueDefinitionSchema>;
