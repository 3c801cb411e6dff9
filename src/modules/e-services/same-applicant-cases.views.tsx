import { stockholmDate } from './calendar.ts';
import type { SameApplicantCase } from './case.repository.ts';
import type { CaseStatus, DecisionOutcome } from './e-services.table.ts';
import { StackedTable } from '../../platform/views/stacked-table.tsx';
import { StatusTag } from './shared.views.tsx';

/**
 * The applicant's other cases in the same e-service (same personal number), for the caseworker:
 * an earlier admission or an application still open is why a new application came to her — and
 * an application without e-ID is never told so, so this page is where it shows. Swedish only, a
 * section of its own so the case page can be reworked around it.
 */
const STATUS: Record<CaseStatus, string> = {
  draft: 'Utkast',
  submitted: 'Inskickat',
  in_progress: 'Under handläggning',
  decided: 'Beslutat',
  closed: 'Avslutat',
  appealed: 'Överklagat',
};
const OUTCOME: Record<DecisionOutcome, string> = {
  admit: 'Antagen',
  refuse: 'Avslag',
  manual: 'Handläggare prövar',
};

export function SameApplicantCasesSection({
  cases,
  identityVerified,
}: {
  cases: readonly SameApplicantCase[];
  identityVerified: boolean;
}) {
  if (cases.length === 0) return null;
  return (
    <section aria-labelledby="same-applicant-heading" data-section="same-applicant-cases">
      <h2 class="govuk-heading-l" id="same-applicant-heading">
        Sökandens andra ärenden i e-tjänsten
      </h2>
      <p class="govuk-body">
        Ärenden med samma personnummer.
        {!identityVerified &&
          ' Ansökan gjordes utan e-legitimation: numret är inte styrkt, och den som skickade ansökan har inte fått veta något om dessa ärenden.'}
      </p>
      <StackedTable
        caption="Sökandens andra ärenden"
        head={['Ärende', 'Inskickat', 'Status', 'Senaste slutliga beslut']}
        rows={cases.map((other) => [
          <a class="govuk-link" href={`/handlaggning/arenden/${other.id}`}>
            {other.caseNumber ?? other.id}
          </a>,
          other.submittedAt ? stockholmDate(other.submittedAt) : '–',
          <StatusTag status={other.status} text={STATUS[other.status]} />,
          other.decision
            ? `${OUTCOME[other.decision.outcome]} ${stockholmDate(other.decision.decidedAt)}`
            : 'Inget ännu',
        ])}
      />
    </section>
  );
}
