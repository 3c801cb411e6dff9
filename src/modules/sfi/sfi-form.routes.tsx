import { randomUUID } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { User } from '../../platform/auth/roles.ts';
import type { Db } from '../../platform/db/database.ts';
import type { DeferredWrites } from '../../platform/db/deferred-writes.ts';
import { AppError, type FieldError } from '../../platform/http/errors.ts';
import type { Notifier } from '../../platform/mail/notifier.service.ts';
import { formStateFrom, formValuesFrom, replyWithForm, type FormState } from '../../platform/views/form.tsx';
import {
  ANONYMOUS_DRAFT_DAYS,
  discardDraft,
  draftRetentionText,
  getDraft,
  getSettingsInForce,
  getSubmissionReceipt,
  newDraftToken,
  saveDraft,
  settingsTopic,
  stockholmDate,
  type CaseSubmissions,
  type DraftOwnerInput,
} from '../e-services/index.ts';
import { listSchools } from './enrolment.repository.ts';
import { parseSfiApplication, postalCodeOf } from './sfi-application.schema.ts';
import { submitSfiApplication } from './sfi-application.service.ts';
import { SFI_SERVICE } from './sfi-e-service.ts';
import { SPECIAL_REASON_LABELS_SV } from './sfi-form.i18n.ts';
import {
  earlierSfiErrors,
  identityErrors,
  normalizedNumber,
  pageSchemas,
  toApplication,
  type PageAnswers,
  type SfiDraftAnswers,
  type StepId,
  submitBody,
} from './sfi-form.schema.ts';
import {
  CHECK_PATH,
  CheckAnswersPage,
  ConfirmationPage,
  SFI_FORM_PATH,
  StartPage,
  STEPS,
  StepPage,
  stepPath,
  type School,
} from './sfi-form.views.tsx';

export interface SfiFormRoutesOptions {
  db: Db;
  /** The process's submissions (committed in groups). */
  submissions: CaseSubmissions;
  clock: () => Date;
  /** True in production: the draft cookie is then `Secure`. */
  secureCookies: boolean;
  /** Enqueues the automation pipeline's first step in the submitting transaction. */
  startPipeline: (deferred: DeferredWrites, caseId: string) => Promise<void>;
  /** Queues the receipt e-mail in the submitting transaction. */
  notifier: Notifier;
  municipalityName: string;
  /** DRAFT_RETENTION_DAYS: a draft not changed for this long is deleted (told on the start page). */
  draftRetentionDays: number;
}

/** The anonymous applicant's draft: a random token only (no personal data), httpOnly. */
export const DRAFT_COOKIE = 'smb_sfi_draft';
/** Anonymous drafts are forgotten after this long without a change. */

const langQuery = z.object({ lang: z.string().max(10).optional() });
const stepQuery = langQuery.extend({ andra: z.enum(['1']).optional() });
const receiptParams = z.object({ id: z.uuid() });

/** Where the draft keeps the submissions made from it. */
const SUBMITTED = '_submitted';

/** What the session keeps after a submission, so the same form sent again lands on the same receipt. */
interface SubmittedReceipt {
  key: string;
  caseId: string;
}

/** Example answers per page (valid), for the harnesses and the route table. */
const STEP_EXAMPLES: Record<StepId, Record<string, string>> = {
  identity: {
    name: 'Exempel Person',
    'birthDate-day': '17',
    'birthDate-month': '5',
    'birthDate-year': '1990',
    personalNumber: '',
  },
  contact: { email: 'exempel@example.test', phone: '' },
  address: { careOf: '', street: 'Exempelgatan 12', postalCode: '211 22', city: 'Malmö' },
  residence: { residenceBasis: 'folkbokford' },
  languages: { motherTongue: 'arabiska', otherLanguages: 'engelska', nordicLanguageSufficient: 'no' },
  schooling: { yearsOfSchooling: '9' },
  literacy: { literateInOwnLanguage: 'yes' },
  latinAlphabet: { knowsLatinAlphabet: 'yes' },
  swedish: { swedishLevel: 'none' },
  earlierSfi: { earlierSfi: 'yes' },
  earlierSfiDetails: { 'earlierSfiDate-month': '9', 'earlierSfiDate-year': '2024', completedCourseD: 'no' },
  specialReasons: { specialReasonsText: '' },
  preferences: { studyTime: 'daytime', pace: 'full-time', preferredSchool: '' },
  adaptations: { adaptationNeeds: '' },
};

const isEIdResident = (user: User | null): user is User =>
  !!user && user.roles.includes('resident') && !!user.personalNumber;

/**
 * The resident-facing SFI application: a public start page, one question per page (GET shows,
 * POST validates, saves the draft and goes on), check your answers, submit once, confirmation.
 * Signed-in residents (e-ID) are not asked who they are; everyone else applies without e-ID
 * and the case is marked identity-unverified. Every route is public: the no-e-ID path has no
 * sign-in, and a draft is reachable only by its owner (user id, or the draft cookie's token).
 */
export const sfiFormRoutes: FastifyPluginAsyncZod<SfiFormRoutesOptions> = async (app, options) => {
  const { db, submissions, clock, startPipeline, notifier, municipalityName } = options;
  const serviceId = SFI_SERVICE.id;
  // The municipality's schools; none means no choice is offered and the question is not asked.
  const schoolsOf = async (): Promise<School[]> =>
    (await listSchools(db)).map((school) => ({ id: school.id, name: school.name }));

  // Answers are personal data: never cached by the browser or a proxy.
  app.addHook('onSend', async (request, reply, payload) => {
    if (request.url.startsWith(SFI_FORM_PATH)) reply.header('cache-control', 'no-store');
    return payload;
  });

  function ownerOf(request: FastifyRequest): DraftOwnerInput | null {
    if (isEIdResident(request.user ?? null)) return { userId: request.user!.id };
    const token = request.cookies[DRAFT_COOKIE];
    return token && /^[A-Za-z0-9_-]{32,128}$/.test(token) ? { draftToken: token } : null;
  }

  /** The draft's answers, and the submissions made from it (kept so the same form sent again finds its case). */
  async function loadDraft(
    request: FastifyRequest,
  ): Promise<{ answers: SfiDraftAnswers; submitted: SubmittedReceipt[] }> {
    const owner = ownerOf(request);
    if (!owner) return { answers: {}, submitted: [] };
    const draft = await getDraft(db, { serviceId, owner });
    if (!draft) return { answers: {}, submitted: [] };
    if ('draftToken' in owner && clock().getTime() - draft.updatedAt.getTime() > ANONYMOUS_DRAFT_DAYS * 86_400_000) {
      await discardDraft(db, { serviceId, owner });
      return { answers: {}, submitted: [] };
    }
    const { [SUBMITTED]: submitted, ...answers } = draft.answers as SfiDraftAnswers & {
      [SUBMITTED]?: SubmittedReceipt[];
    };
    return { answers, submitted: submitted ?? [] };
  }

  const loadAnswers = async (request: FastifyRequest) => (await loadDraft(request)).answers;

  async function saveAnswers(
    request: FastifyRequest,
    reply: FastifyReply,
    answers: SfiDraftAnswers & { [SUBMITTED]?: SubmittedReceipt[] },
  ): Promise<void> {
    let owner = ownerOf(request);
    if (!owner) {
      const token = newDraftToken();
      reply.setCookie(DRAFT_COOKIE, token, {
        path: SFI_FORM_PATH,
        httpOnly: true,
        sameSite: 'lax',
        secure: options.secureCookies,
        maxAge: ANONYMOUS_DRAFT_DAYS * 86_400,
      });
      owner = { draftToken: token };
    }
    await saveDraft(db, { serviceId, owner, answers, locale: request.locale, now: clock() });
  }

  const eIdOf = (request: FastifyRequest) =>
    isEIdResident(request.user ?? null)
      ? { displayName: request.user!.displayName, personalNumber: request.user!.personalNumber }
      : null;
  const applicable = (answers: SfiDraftAnswers, eId: boolean) =>
    STEPS.filter((step) => !step.applies || step.applies(answers, eId));
  const firstMissing = (answers: SfiDraftAnswers, eId: boolean) =>
    applicable(answers, eId).find((step) => !answers[step.id]);

  const indexOf = (stepId: StepId) => STEPS.findIndex((step) => step.id === stepId);

  function backHrefFor(stepId: StepId, answers: SfiDraftAnswers, eId: boolean, change: boolean): string {
    if (change) return CHECK_PATH;
    const previous = applicable(answers, eId).filter((step) => STEPS.indexOf(step) < indexOf(stepId));
    return previous.length > 0 ? stepPath(previous[previous.length - 1]!.slug) : SFI_FORM_PATH;
  }

  /** Where to go after a page: the next page; after a change, the next unanswered page or the check page. */
  function nextHref(stepId: StepId, answers: SfiDraftAnswers, eId: boolean, change: boolean): string {
    const missing = firstMissing(answers, eId);
    if (change) return missing ? stepPath(missing.slug, true) : CHECK_PATH;
    // The next page in order that applies (from a page that does not apply too: it leads on).
    const next = applicable(answers, eId).find((step) => STEPS.indexOf(step) > indexOf(stepId));
    return next ? stepPath(next.slug) : CHECK_PATH;
  }

  app.get(
    SFI_FORM_PATH,
    { config: { access: 'public' }, schema: { querystring: langQuery } },
    async (request, reply) => {
      const answers = await loadAnswers(request);
      const eId = isEIdResident(request.user ?? null);
      const first = applicable(answers, eId)[0]!;
      const started = Object.keys(answers).length > 0;
      const missing = firstMissing(answers, eId);
      const continueHref = started ? (missing ? stepPath(missing.slug) : CHECK_PATH) : null;
      // An anonymous draft lives no longer than its cookie, whatever the retention allows.
      const keptDays = eId ? options.draftRetentionDays : Math.min(ANONYMOUS_DRAFT_DAYS, options.draftRetentionDays);
      const retention = started ? draftRetentionText(request.locale, keptDays) : null;
      // With e-ID: sign in as a resident and come back to the first question (already signed in: go there).
      const eIdHref = eId
        ? stepPath(first.slug)
        : `/auth/sign-in?audience=resident&returnTo=${encodeURIComponent(stepPath(STEPS[1]!.slug))}`;
      const noEIdHref = stepPath(STEPS[0]!.slug);
      // Where to ask: the municipal settings in force today, which an administrator may change.
      const today = stockholmDate(clock());
      const page = async () => (
        <StartPage
          ctx={request.pageContext()}
          eIdHref={eIdHref}
          noEIdHref={noEIdHref}
          continueHref={continueHref}
          retention={retention}
          contact={(await getSettingsInForce(db, serviceId, today))?.settings ?? null}
        />
      );
      // Without a draft the page is everyone's: rendered once per language and day, until the settings change.
      if (started || ownerOf(request)) return reply.html(await page());
      return reply.htmlOnce({ variant: today, topics: [settingsTopic(serviceId)] }, page);
    },
  );

  for (const step of STEPS) {
    const path = stepPath(step.slug);
    const schema = pageSchemas[step.id];

    app.get(
      path,
      { config: { access: 'public', examples: { query: {} } }, schema: { querystring: stepQuery } },
      async (request, reply) => {
        const query = request.query;
        const answers = await loadAnswers(request);
        const eId = isEIdResident(request.user ?? null);
        // A page that does not apply (identity with e-ID, details of an earlier SFI never had) leads on.
        if (step.applies && !step.applies(answers, eId))
          return reply.redirect(nextHref(step.id, answers, eId, query.andra === '1'), 303);
        let values: PageAnswers = answers[step.id] ?? {};
        if (step.id === 'contact' && !answers.contact && request.user?.email) values = { email: request.user.email };
        const form: FormState<Record<string, unknown>> = { values, errors: [] };
        return reply.html(
          <StepPage
            ctx={request.pageContext()}
            step={step.id}
            form={form}
            backHref={backHrefFor(step.id, answers, eId, query.andra === '1')}
            schools={await schoolsOf()}
            eId={eIdOf(request)}
          />,
        );
      },
    );

    app.post(
      path,
      {
        config: { access: 'public', examples: { body: STEP_EXAMPLES[step.id] } },
        attachValidation: true,
        schema: { querystring: stepQuery, body: schema },
      },
      async (request, reply) => {
        const query = request.query;
        const change = query.andra === '1';
        // The page's fields as sent: its schema is chosen per step, so the body is read untyped.
        const raw = formValuesFrom<Record<string, unknown>>(request);
        const today = stockholmDate(clock());
        const schools = await schoolsOf();
        const extra: FieldError[] = [];
        if (!request.validationError) {
          if (step.id === 'identity') extra.push(...identityErrors(raw, today));
          if (step.id === 'earlierSfiDetails') extra.push(...earlierSfiErrors(raw, today));
          const school = raw.preferredSchool;
          if (
            step.id === 'preferences' &&
            typeof school === 'string' &&
            school &&
            !schools.some((s) => s.id === school)
          ) {
            extra.push({ field: 'preferredSchool', code: 'chooseOne' });
          }
        }
        const form = formStateFrom<Record<string, unknown>>(request, extra);
        const answers = await loadAnswers(request);
        const eId = isEIdResident(request.user ?? null);
        if (form.errors.length > 0) {
          // Shown at the POST address: keep the language links and the back link as on the GET.
          return replyWithForm(
            reply,
            form,
            <StepPage
              ctx={request.pageContext()}
              step={step.id}
              form={form}
              backHref={backHrefFor(step.id, answers, eId, change)}
              schools={schools}
              eId={eIdOf(request)}
            />,
          );
        }
        const page: PageAnswers = {};
        for (const [key, value] of Object.entries(raw)) {
          if (typeof value === 'string') page[key] = value.trim();
          else if (Array.isArray(value)) page[key] = value.filter((v): v is string => typeof v === 'string');
        }
        if (step.id === 'identity' && typeof page.personalNumber === 'string')
          page.personalNumber = formatTyped(page.personalNumber);
        // Kept as "211 45" however it was typed: the check page and the letter show that form.
        if (step.id === 'address' && typeof page.postalCode === 'string')
          page.postalCode = postalCodeOf(page.postalCode) ?? page.postalCode;
        const updated: SfiDraftAnswers = { ...answers, [step.id]: page };
        await saveAnswers(request, reply, updated);
        return reply.redirect(nextHref(step.id, updated, eId, change), 303);
      },
    );
  }

  app.get(CHECK_PATH, { config: { access: 'public' }, schema: { querystring: langQuery } }, async (request, reply) => {
    const answers = await loadAnswers(request);
    const eId = isEIdResident(request.user ?? null);
    const missing = firstMissing(answers, eId);
    if (missing) return reply.redirect(stepPath(missing.slug), 303);
    const steps = applicable(answers, eId);
    return reply.html(
      <CheckAnswersPage
        ctx={request.pageContext()}
        answers={answers}
        eId={eIdOf(request)}
        schools={await schoolsOf()}
        // Made once per showing of the page: a double click or a resent form carries the same key.
        idempotencyKey={randomUUID()}
        backHref={stepPath(steps[steps.length - 1]!.slug)}
      />,
    );
  });

  app.post(
    `${SFI_FORM_PATH}/skicka`,
    {
      config: { access: 'public', examples: { body: { idempotencyKey: '00000000-0000-4000-8000-000000000000' } } },
      schema: { body: submitBody },
    },
    async (request, reply) => {
      const { idempotencyKey } = request.body;
      const receipts = (request.session.data.sfiReceipts ?? []) as SubmittedReceipt[];
      const { answers, submitted } = await loadDraft(request);
      const remember = (caseId: string) => {
        request.session.data.sfiReceipts = [
          ...receipts.filter((r) => r.key !== idempotencyKey),
          { key: idempotencyKey, caseId },
        ].slice(-5);
        request.session.dirty = true;
      };
      // Sent again after it went through (back button, a second click): the same receipt, nothing new.
      const earlier = [...submitted, ...receipts].find((r) => r.key === idempotencyKey);
      if (earlier) {
        remember(earlier.caseId);
        return reply.redirect(`${SFI_FORM_PATH}/kvitto/${earlier.caseId}`, 303);
      }
      const user = request.user ?? null;
      const eId = isEIdResident(user);
      const missing = firstMissing(answers, eId);
      if (missing) return reply.redirect(stepPath(missing.slug), 303);
      // Two clicks at once both get here: the service's idempotency key makes the second one return the first case.
      const result = await submitSfiApplication(
        { submissions, clock, startPipeline, notifier, municipalityName },
        {
          application: parseSfiApplication(toApplication(answers, eId, SPECIAL_REASON_LABELS_SV)),
          user: eId ? user : null,
          idempotencyKey,
          locale: request.locale,
          requestId: request.id,
        },
      );
      // The answers go; the draft keeps only which key made which case (no personal data), so a
      // resent form finds its case and a new application starts empty.
      await saveAnswers(request, reply, {
        [SUBMITTED]: [...submitted, { key: idempotencyKey, caseId: result.caseId }].slice(-5),
      });
      remember(result.caseId);
      return reply.redirect(`${SFI_FORM_PATH}/kvitto/${result.caseId}`, 303);
    },
  );

  app.get(
    `${SFI_FORM_PATH}/kvitto/:id`,
    {
      // The owner is who sent it: the session that submitted, or the applicant signed in with e-ID.
      config: {
        access: 'public',
        examples: { params: { id: '00000000-0000-4000-8000-000000000000' } },
        owner: { fixture: 'e-services.case' },
      },
      schema: { params: receiptParams, querystring: langQuery },
    },
    async (request, reply) => {
      const { id } = request.params;
      // Only who sent it sees the receipt (the session remembers it, or it is the signed-in
      // applicant's own case); it shows the case number, nothing personal.
      const receipts = (request.session.data.sfiReceipts ?? []) as SubmittedReceipt[];
      const remembered = receipts.some((r) => r.caseId === id);
      if (!remembered && !request.user) throw new AppError('NOT_FOUND');
      const receipt = await getSubmissionReceipt(db, id);
      if (receipt.serviceId !== serviceId || (!remembered && receipt.applicantUserId !== request.user!.id))
        throw new AppError('NOT_FOUND');
      return reply.html(
        <ConfirmationPage
          ctx={request.pageContext()}
          caseNumber={receipt.caseNumber}
          identityVerified={receipt.identityVerified}
          emailed={receipt.emailed}
        />,
      );
    },
  );
};

/** A valid number is kept as YYYYMMDD-NNNN (how the check page shows it); anything else as typed. */
function formatTyped(typed: string): string {
  const normalized = normalizedNumber(typed);
  return /^\d{12}$/.test(normalized) ? `${normalized.slice(0, 8)}-${normalized.slice(8)}` : typed;
}
