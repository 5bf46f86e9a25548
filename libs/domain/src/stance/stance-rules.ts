import { PositionEventType } from '@stancewatch/domain/catalogue';

/**
 * The stance rules — the one place that decides what an actor's stance on an issue is.
 *
 * A stance is decided per actor (× actorRole, see `stanceStreamId`) × issue by folding the events in
 * time order (see `stance-dates.ts` for the order). Each event type points at one stance; the event
 * moves the current stance there unless the current stance is one the event does not displace.
 *
 * | event type           | moves to      | does not displace                                        | same-day rank |
 * |----------------------|---------------|----------------------------------------------------------|---------------|
 * | pledge-refused       | refused       | — (always moves; withdraws earlier pledges)              | 8 (highest)   |
 * | pledge-announced     | committed     | — (always moves)                                         | 7             |
 * | red-line-stated      | red-line      | committed, conditional                                   | 6             |
 * | condition-set        | conditional   | committed (the condition is attached to the commitment)  | 5             |
 * | pledge-considered    | considering   | committed, conditional                                   | 4             |
 * | demand-made          | demanding     | committed, conditional, considering, refused, red-line   | 3             |
 * | opposition-expressed | opposed       | committed, conditional, refused, red-line                | 2             |
 * | support-expressed    | supportive    | committed, conditional, considering, refused, red-line, demanding | 1 (lowest) |
 *
 * Why:
 * - Stances about the actor's own contribution (committed, conditional, considering, refused) say more
 *   than declarations about others (supportive, opposed, demanding), so a declaration never displaces
 *   them: support after a pledge, or a demand from a country that is considering, leaves the stance.
 *   Opposition does displace `considering` ("rejected the idea" after "opened the door" is a move).
 * - Only a pledge, a refusal or a condition (a softening) lifts a red line; a demand or opposition
 *   from an actor that drew a red line does not.
 * - A pledge carrying conditions is `committed` (the conditions are kept on the position, as in
 *   "FR committed with 6,000 troops conditional on a ceasefire"); a condition-set on its own is
 *   `conditional`. Conditions carry over while the actor stays within considering → conditional →
 *   committed, and are dropped on any other move.
 * - Same day: all events of one day are applied in ascending rank, so the highest-ranked event that
 *   moves decides the day. An explicit refusal outranks everything ("ruled out troops but ready to
 *   reinforce Black Sea security" reads as refused); a pledge outranks a red line or a condition.
 *   Intermediate stances within one day never appear in the history.
 */
export const STANCES = [
  'committed',
  'conditional',
  'considering',
  'refused',
  'red-line',
  'demanding',
  'opposed',
  'supportive',
] as const;
export type Stance = (typeof STANCES)[number];

/** Stances about the actor's own willingness to contribute, between which conditions carry over. */
export const WILLING_STANCES: readonly Stance[] = ['considering', 'conditional', 'committed'];

export interface StanceRule {
  /** The stance this event type points at. */
  stance: Stance;
  /** Current stances the event leaves in place. */
  doesNotDisplace: readonly Stance[];
  /** Order within one day: higher is applied later, so it has the last word. */
  sameDayRank: number;
}

export const STANCE_RULES: Readonly<Record<PositionEventType, StanceRule>> = {
  'pledge-refused': { stance: 'refused', doesNotDisplace: [], sameDayRank: 8 },
  'pledge-announced': { stance: 'committed', doesNotDisplace: [], sameDayRank: 7 },
  'red-line-stated': { stance: 'red-line', doesNotDisplace: ['committed', 'conditional'], sameDayRank: 6 },
  'condition-set': { stance: 'conditional', doesNotDisplace: ['committed'], sameDayRank: 5 },
  'pledge-considered': { stance: 'considering', doesNotDisplace: ['committed', 'conditional'], sameDayRank: 4 },
  'demand-made': {
    stance: 'demanding',
    doesNotDisplace: ['committed', 'conditional', 'considering', 'refused', 'red-line'],
    sameDayRank: 3,
  },
  'opposition-expressed': {
    stance: 'opposed',
    doesNotDisplace: ['committed', 'conditional', 'refused', 'red-line'],
    sameDayRank: 2,
  },
  'support-expressed': {
    stance: 'supportive',
    doesNotDisplace: ['committed', 'conditional', 'considering', 'refused', 'red-line', 'demanding'],
    sameDayRank: 1,
  },
};

/** The stance after `type` is seen while the stance is `current`. */
export function nextStance(current: Stance | null, type: PositionEventType): Stance {
  const rule = STANCE_RULES[type];
  if (current !== null && rule.doesNotDisplace.includes(current)) return current;
  return rule.stance;
}

/**
 * Whether an event backs the stance it leaves (or puts) in place: a reaffirmation of the same
 * stance, or a condition attached to a commitment. These are "the events behind" a position.
 */
export function backsStance(stance: Stance, type: PositionEventType): boolean {
  return STANCE_RULES[type].stance === stance || (stance === 'committed' && type === 'condition-set');
}

export function isStance(value: string): value is Stance {
  return (STANCES as readonly string[]).includes(value);
}
