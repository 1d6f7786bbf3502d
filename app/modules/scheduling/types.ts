// Public input/output types of the meeting scheduler (pure: no database, no web).

export interface SlotInput {
  id: string;
  start?: string;
  end?: string;
  /** Explicit session label; when absent, sessions are derived from gaps between slots. */
  session?: string;
}

export interface ParticipantInput {
  id: string;
  side?: string;
  /** Slots the participant is available in; absent = every slot. */
  available?: string[];
  /** "Minimum de rendez-vous" (e.g. QPV supplier): reached first when not everything fits. */
  minMeetings?: number;
}

export interface RequestInput {
  a: string;
  b: string;
  /** Positive; higher = more important. */
  priority: number;
  /** Slots this meeting may use; absent = every slot. */
  slots?: string[];
}

export interface Meeting {
  a: string;
  b: string;
  slot: string;
  table: string;
}

/** "any": any free table; "fixed": a participant listed in `tableOf` (or each buyer) keeps one table all day. */
export type TableMode = "any" | "fixed";

export interface ScheduleInstance {
  slots: SlotInput[];
  tables: string[];
  participants: ParticipantInput[];
  requests: RequestInput[];
  locked?: Meeting[];
  tableMode?: TableMode;
  tableOf?: Record<string, string>;
}

export interface Unscheduled {
  a: string;
  b: string;
  reason: string;
}

export interface OverloadedParticipant {
  participant: string;
  requested: number;
  availableSlots: number;
  /** Proven lower bound on this participant's meetings left out. */
  excess: number;
}

export interface Precheck {
  requested: number;
  capacity: number;
  /** Requests with no slot allowed for both participants. */
  noCommonSlot: { a: string; b: string }[];
  overloaded: OverloadedParticipant[];
  /** Meetings above tables × slots (0 when everything can fit table-wise). */
  tableExcess: number;
  /** Proven lower bound on the number of meetings left out by any schedule. */
  minUnscheduled: number;
  /** Proven upper bound on the placed priority weight. */
  upperBound: number;
}

export interface ScheduleStats {
  requested: number;
  scheduled: number;
  weight: number;
  upper_bound: number;
  min_unscheduled: number;
  idle_slots: number;
  /** Proven minimum of idle slots for the meetings placed (each participant on its own). */
  idle_lower_bound: number;
  max_idle: number;
  min_meetings_per_participant: number;
  /** Participants whose `minMeetings` is not reached. */
  below_minimum: number;
  /** Meetings whose slot or table differs from `previous` (0 without `previous`). */
  changes: number;
  table_changes: number;
  iterations: number;
  solver: string;
  ms: number;
}

export interface ScheduleResult {
  meetings: Meeting[];
  unscheduled: Unscheduled[];
  stats: ScheduleStats;
  precheck: Precheck;
}

export interface SolveOptions {
  /** Wall-clock budget of the whole solve (default: defaultTimeLimitMs in solve.ts). */
  timeLimitMs?: number;
  /** Local-search iteration cap (default: see DEFAULT_MAX_ITERATIONS in solve.ts). */
  maxIterations?: number;
  seed?: number;
  previous?: Meeting[];
  now?: () => number;
}
