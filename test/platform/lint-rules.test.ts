import { join } from 'node:path';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

/**
 * The architecture's lint rules, proven on fixture strings through the ESLint Node API with the
 * project's own eslint.config.js — so a change to the config that silently disables a rule fails here.
 */
const root = join(import.meta.dirname, '..', '..');
let eslint: ESLint;

beforeAll(() => {
  eslint = new ESLint({ cwd: root });
});

/** Rule ids reported for `code` as if it were the file at `filePath` (relative to the repository). */
async function rulesHitBy(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(root, filePath) });
  return (result?.messages ?? []).map((m) => m.ruleId ?? `fatal: ${m.message}`);
}

describe('module boundaries', () => {
  it('src/platform may not import a module, however the relative path is written', async () => {
    expect(
      await rulesHitBy(
        'src/platform/http/x.ts',
        "import { portalRoutes } from '../../modules/portal/index.ts';\nexport const y = portalRoutes;\n",
      ),
    ).toContain('local/module-boundaries');
    expect(await rulesHitBy('src/platform/x.ts', "export * from '../modules/booking/booking.service.ts';\n")).toContain(
      'local/module-boundaries',
    );
    expect(
      await rulesHitBy(
        'src/platform/jobs/x.ts',
        "export const load = () => import('../../modules/sfi/sfi.jobs.ts');\n",
      ),
    ).toContain('local/module-boundaries');
    expect(
      await rulesHitBy('src/platform/jobs/x.ts', "export type T = import('../../modules/sfi/sfi.table.ts').Row;\n"),
    ).toContain('local/module-boundaries');
  });

  it('a module may not reach into another module’s files', async () => {
    expect(
      await rulesHitBy(
        'src/modules/booking/booking.service.ts',
        "import { findUser } from '../intranet/intranet.repository.ts';\nexport const f = findUser;\n",
      ),
    ).toContain('local/module-boundaries');
    expect(
      await rulesHitBy(
        'src/modules/booking/views/room.views.tsx',
        "import type { Idea } from '../../ideas/ideas.table.ts';\nexport type I = Idea;\n",
      ),
    ).toContain('local/module-boundaries');
  });

  it('a module may use another module through its index.ts, and its own files freely', async () => {
    expect(
      await rulesHitBy(
        'src/modules/booking/booking.service.ts',
        "import { x } from '../intranet/index.ts';\nexport const y = x;\n",
      ),
    ).toEqual([]);
    expect(
      await rulesHitBy(
        'src/modules/booking/views/room.views.tsx',
        "import { x } from '../booking.service.ts';\nexport const y = x;\n",
      ),
    ).toEqual([]);
  });

  it('the platform and the modules may not import the composition root (src/*.ts); tests beside a module may', async () => {
    expect(
      await rulesHitBy(
        'src/platform/http/x.ts',
        "import { modules } from '../../modules.ts';\nexport const m = modules;\n",
      ),
    ).toContain('local/module-boundaries');
    expect(
      await rulesHitBy(
        'src/platform/cli/x.test.ts',
        "import { commands } from '../../cli.ts';\nexport const c = commands;\n",
      ),
    ).toContain('local/module-boundaries');
    expect(
      await rulesHitBy(
        'src/modules/booking/x.ts',
        "import { buildApp } from '../../app.ts';\nexport const b = buildApp;\n",
      ),
    ).toContain('local/module-boundaries');
    expect(
      await rulesHitBy(
        'src/modules/rules/x.test.ts',
        "import { ruleSets } from '../../modules.ts';\nexport const r = ruleSets;\n",
      ),
    ).toEqual([]);
  });

  it('the composition root reaches a module only through its index.ts', async () => {
    expect(
      await rulesHitBy(
        'src/modules.ts',
        "import { bookingRoutes } from './modules/booking/booking.routes.ts';\nexport const r = bookingRoutes;\n",
      ),
    ).toContain('local/module-boundaries');
    expect(
      await rulesHitBy(
        'src/main.ts',
        "import { sfiEService } from './modules/sfi/index.ts';\nexport const s = sfiEService;\n",
      ),
    ).toEqual([]);
  });

  it('a module and the platform may import the platform; app.ts and tests may import modules', async () => {
    expect(
      await rulesHitBy(
        'src/modules/booking/booking.service.ts',
        "import { AppError } from '../../platform/http/errors.ts';\nexport const E = AppError;\n",
      ),
    ).toEqual([]);
    expect(
      await rulesHitBy(
        'src/app.ts',
        "import { portalRoutes } from './modules/portal/index.ts';\nexport const r = portalRoutes;\n",
      ),
    ).toEqual([]);
    expect(
      await rulesHitBy(
        'test/x.test.ts',
        "import { y } from '../src/modules/portal/portal.i18n.ts';\nexport const z = y;\n",
      ),
    ).toEqual([]);
  });
});

describe('configuration is read in one place', () => {
  it('process.env is refused in application code outside src/platform/config', async () => {
    expect(await rulesHitBy('src/platform/http/x.ts', 'export const port = process.env.PORT;\n')).toContain(
      'no-restricted-properties',
    );
    expect(await rulesHitBy('src/modules/booking/x.ts', "export const debug = process.env['DEBUG'];\n")).toContain(
      'no-restricted-properties',
    );
  });

  it('process.env is allowed in src/platform/config, scripts, tests (also beside the code) and benchmarks', async () => {
    for (const file of [
      'src/platform/config/config.ts',
      'scripts/x.ts',
      'test/helpers/x.ts',
      'bench/x.ts',
      'e2e/x.ts',
      'src/modules/booking/x.db.test.ts',
    ]) {
      expect(await rulesHitBy(file, 'export const port = process.env.PORT;\n'), file).toEqual([]);
    }
  });
});
