/**
 * Makes the PGlite template (a freshly initialised data directory, see
 * src/platform/db/pglite-template.ts) unless the installed PGlite version already has one.
 * Runs after `npm ci` (postinstall), so neither the first `npm start` nor a test runs initdb.
 */
import { existsSync } from 'node:fs';
import { relative } from 'node:path';
import { ensurePgliteTemplate, pgliteTemplateDir } from '../src/platform/db/pglite-template.ts';

if (!existsSync(pgliteTemplateDir)) {
  const started = performance.now();
  await ensurePgliteTemplate();
  console.log(
    `PGlite template made in ${Math.round(performance.now() - started)} ms → ${relative(process.cwd(), pgliteTemplateDir)}`,
  );
}
