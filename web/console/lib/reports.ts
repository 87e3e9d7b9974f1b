/**
 * The shapes of GET /api/v1/reports/{summary,teams,agents,daily}: every count is a
 * Figure, the count and the search that lists exactly those callbacks.
 */

/** Figure is a count of callbacks and the query string of /callbacks/search that lists them. */
export interface Figure {
  count: number;
  search: string;
}

/** Rate is part of of; rate is null when of counts none. */
export interface Rate {
  rate: number | null;
  part: Figure;
  of: Figure;
}

export interface NowFigures {
  open: Figure;
  dueNow: Figure;
  overdue: Figure;
  overdueBy: { upTo1h: Figure; upTo4h: Figure; upTo24h: Figure; over24h: Figure };
  oldestOverdueSince: string | null;
  claimed: Figure;
  personal: Figure;
  team: Figure;
}

export interface Figures {
  now?: NowFigures;
  created: Figure;
  outcomes: {
    closed: Figure;
    completed: Figure;
    completedBy: { connected: Figure; declined: Figure; reachedInbound: Figure };
    failed: Figure;
    failedBy: { maxAttempts: Figure; invalidNumber: Figure };
    cancelled: Figure;
    cancelledBy: { customer: Figure; doNotCall: Figure; supervisor: Figure };
    connectRateFirst: Rate;
    connectRate: Rate;
    attemptsPerCompleted: { value: number | null; attempts: number; completed: Figure };
  };
  punctuality: {
    firstDialed: Figure;
    firstDelay: { medianSeconds: number | null; p90Seconds: number | null; of: Figure };
    firstDialedInWindow: Rate;
    fellBack: Rate;
    fellBackInPeriod: Figure;
  };
}

export interface ReportRow {
  teamId?: string;
  agentId?: string;
  date?: string;
  from?: string;
  to?: string;
  figures: Figures;
}

/** Report is one report: its period, zone, teams and instant, and its figures or rows. */
export interface Report {
  from: string;
  to: string;
  timezone: string;
  teams: string[] | null;
  at: string;
  figures?: Figures;
  rows?: ReportRow[] | null;
}

/** ReportKind names the four reports. */
export type ReportKind = 'summary' | 'teams' | 'agents' | 'daily';
