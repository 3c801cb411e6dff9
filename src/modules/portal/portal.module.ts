import type { Module } from '../../platform/module.ts';
import { portalRoutes } from './portal.routes.tsx';

/** The start page: what the municipality offers, for residents and staff. */
export const portalModule: Module = {
  name: 'portal',
  setup: ({ config }) => ({ routes: (app) => portalRoutes(app, { config }) }),
};
