import type { FastifyInstance } from 'fastify';
import type { Config } from '../../platform/config/config.ts';
import type { Db } from '../../platform/db/database.ts';
import type { CaseLabels } from './case-labels.ts';
import type { Notifier } from '../../platform/mail/notifier.service.ts';
import { DEFAULT_UPLOAD_MAX_BYTES } from './applicant.service.ts';
import { casesApiRoutes } from './cases.api.routes.ts';
import type { AppealDeps } from './appeal.service.ts';
import { caseworkerRoutes } from './caseworker.routes.tsx';
import type { CaseworkerDeps } from './caseworker.service.ts';
import { myPagesRoutes } from './my-pages.routes.tsx';
import { printQueueRoutes } from './delivery/print-queue.routes.tsx';

export interface EServicesRoutesOptions {
  config: Pick<Config, 'BASE_URL' | 'MUNICIPALITY_NAME' | 'DRAFT_RETENTION_DAYS'>;
  db: Db;
  notifier: Notifier;
  clock: () => Date;
  /** Largest evidence upload accepted; default 10 MB. */
  uploadMaxBytes?: number;
  /** Runs in the transaction of a caseworker's decision: the e-service's follow-up (enrolment, letter). */
  onDecided?: CaseworkerDeps['onDecided'];
  /** Where each e-service's form lives (service id → path): My pages links a resident's draft there. */
  draftPaths?: Readonly<Record<string, string>>;
  /** Each e-service's labels for the caseworker screen (service id → labels); others read as humanised keys. */
  caseLabels?: Readonly<Record<string, CaseLabels>>;
  /** Each e-service's appeal body (service id → name): where the caseworker forwards an appeal. */
  appealBodies?: Readonly<Record<string, string>>;
  /** Where each e-service sends letters (service id → resolver); others: the address the applicant gave. */
  letterAddresses?: AppealDeps['letterAddresses'];
}

/** My pages, the caseworker workspace, statistics, the print queue, e-service administration and the cases API. */
export async function eServicesRoutes(app: FastifyInstance, options: EServicesRoutesOptions): Promise<void> {
  const { config, db, notifier, clock } = options;
  await app.register(myPagesRoutes, {
    db,
    clock,
    uploadMaxBytes: options.uploadMaxBytes ?? DEFAULT_UPLOAD_MAX_BYTES,
    draftRetentionDays: config.DRAFT_RETENTION_DAYS,
    draftPaths: options.draftPaths ?? {},
  });
  await app.register(caseworkerRoutes, {
    db,
    clock,
    notifier,
    baseUrl: config.BASE_URL,
    municipalityName: config.MUNICIPALITY_NAME,
    onDecided: options.onDecided,
    caseLabels: options.caseLabels ?? {},
    appealBodies: options.appealBodies ?? {},
    letterAddresses: options.letterAddresses ?? {},
  });
  await app.register(printQueueRoutes, { db, clock });
  await app.register(casesApiRoutes, { db, clock });
}
