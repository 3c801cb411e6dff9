import type { Db } from '../../platform/db/database.ts';
import { appealFigures } from './appeal.repository.ts';
import { lastIsoWeeks, mondayOfWeeksBack, startOfStockholmDay } from './calendar.ts';
import { decisionFigures } from './case.repository.ts';
import { listEServices } from './e-service.service.ts';

export interface WeekFigures {
  /** ISO week, e.g. `2026-W48`. */
  week: string;
  applications: number;
  decidedAutomatically: number;
  decidedManually: number;
}

export interface Statistics {
  weeks: WeekFigures[];
  applications: number;
  decided: number;
  decidedAutomatically: number;
  /** Decided automatically ÷ decided (0–1); null before anything is decided. */
  automaticShare: number | null;
  /** Median hours from submission to the decision that stands; null before anything is decided. */
  medianHoursToDecision: number | null;
  /** Automatically decided cases × the service's minutes per manual case ÷ 60. */
  staffHoursSaved: number;
  /** The minutes per manual case behind that figure (one service), or null for several services. */
  minutesPerManualCase: number | null;
  /** Appeals received in the period, and where each stands now. */
  appeals: AppealStatistics;
}

export interface AppealStatistics {
  received: number;
  /** The decision was changed as asked on reconsideration: the appeal lapsed (förvaltningslagen 39 §). */
  lapsed: number;
  /** Came in late and was dismissed (45 §). */
  dismissed: number;
  /** Sent to the appeal body (46 §). */
  forwarded: number;
  /** Still waiting for the municipality. */
  pending: number;
}

/**
 * Figures for cases submitted in the last `weeks` ISO weeks (this week included), Stockholm
 * time: applications per week, the share decided automatically, the median time to decision
 * and the staff hours saved.
 */
export async function getStatistics(
  db: Db,
  input: { serviceId?: string | undefined; weeks: number; now: Date },
): Promise<Statistics> {
  const from = startOfStockholmDay(mondayOfWeeksBack(input.now, input.weeks - 1));
  const services = (await listEServices(db, input.now)).filter((s) => !input.serviceId || s.id === input.serviceId);
  const [overall, appealRows] = await Promise.all([
    decisionFigures(db, { serviceId: input.serviceId, from }),
    appealFigures(db, { serviceId: input.serviceId, from }),
  ]);
  const appeals: AppealStatistics = { received: 0, lapsed: 0, dismissed: 0, forwarded: 0, pending: 0 };
  for (const row of appealRows) {
    appeals.received += row.count;
    appeals[row.state] += row.count;
  }
  const labels = lastIsoWeeks(input.now, input.weeks);
  let saved = 0;
  for (const service of services) {
    const figures = services.length === 1 ? overall : await decisionFigures(db, { serviceId: service.id, from });
    const automatic = labels.reduce((sum, week) => sum + (figures.perWeek.get(week)?.automatic ?? 0), 0);
    saved += (automatic * service.minutesPerManualCase) / 60;
  }
  const weeks = labels.map((week) => {
    const figures = overall.perWeek.get(week);
    return {
      week,
      applications: figures?.submitted ?? 0,
      decidedAutomatically: figures?.automatic ?? 0,
      decidedManually: figures?.manual ?? 0,
    };
  });
  const decided = weeks.reduce((sum, w) => sum + w.decidedAutomatically + w.decidedManually, 0);
  const automatic = weeks.reduce((sum, w) => sum + w.decidedAutomatically, 0);
  return {
    weeks,
    applications: weeks.reduce((sum, w) => sum + w.applications, 0),
    decided,
    decidedAutomatically: automatic,
    automaticShare: decided === 0 ? null : automatic / decided,
    medianHoursToDecision: overall.medianSecondsToDecision === null ? null : overall.medianSecondsToDecision / 3600,
    staffHoursSaved: Math.round(saved * 10) / 10,
    minutesPerManualCase: services.length === 1 ? services[0]!.minutesPerManualCase : null,
    appeals,
  };
}
