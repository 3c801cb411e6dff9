import type { Module } from '../../platform/module.ts';
import { adminNav } from './admin.nav.ts';
import { adminRoutes } from './admin.routes.tsx';

/** Operations pages: failed jobs for administrators; the dev outbox for staff in dev mode. */
export const adminModule: Module = {
  name: 'admin',
  setup: ({ config, db, jobs, clock }) => ({
    routes: (app) => adminRoutes(app, { config, db, jobs, clock }),
    nav: adminNav(config),
  }),
};
