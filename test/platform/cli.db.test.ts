import { afterEach, describe, expect, it, vi } from 'vitest';
import { commands } from '../../src/cli.ts';
import { migrations } from '../../src/modules.ts';
import { runCli } from '../../src/platform/cli/cli.ts';

/** Runs the CLI in-process against a fresh in-memory database, capturing stdout and stderr lines. */
async function cli(argv: string[]) {
  // A fresh in-memory database: migrated by the CLI, with no users at all.
  vi.stubEnv('DATA_DIR', 'memory://');
  vi.stubEnv('DATABASE_URL', '');
  // Vite puts its own BASE_URL ("/") into process.env; the CLI's config wants a URL.
  vi.stubEnv('BASE_URL', 'http://localhost:3000');
  const stdout: string[] = [];
  const stderr: string[] = [];
  vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void stdout.push(args.join(' ')));
  vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void stderr.push(args.join(' ')));
  const code = await runCli(argv, { commands, migrations });
  return { code, stdout, stderr };
}

describe('npm run cli', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.restoreAllMocks();
  });

  it('lists the platform’s and the modules’ commands, sorted, when run without one', async () => {
    const { code, stderr } = await cli([]);
    expect(code).toBe(0);
    const listed = stderr
      .flatMap((line) => line.split('\n'))
      .flatMap((line) => /^ {2}(\S+(?: \S+)?) {2,}/.exec(line)?.[1] ?? []);
    for (const name of [
      'migrate',
      'seed',
      'config',
      'create-token',
      'audit verify',
      'rules eval',
      'decisions replay',
    ]) {
      expect(listed).toContain(name);
    }
    expect(listed).toEqual([...listed].sort((a, b) => a.localeCompare(b)));
  });

  it('migrate says which migrations it applied to a fresh database', async () => {
    const { code, stderr } = await cli(['migrate']);
    expect(code).toBe(0);
    const said = stderr.join('\n');
    expect(said).toMatch(/^applied: 0001-platform, 0002-audit-append-only, 0003-e-services/);
    for (const name of Object.keys(migrations)) expect(said).toContain(name);
    expect(said).not.toContain('up to date');
  });

  it('answers an unknown command with the list and exit code 2', async () => {
    const { code, stderr } = await cli(['no-such-command']);
    expect(code).toBe(2);
    expect(stderr.join('\n')).toContain('usage: npm run cli -- <command>');
  });

  it('runs a command with its flags: create-token for an unknown user exits with 1', async () => {
    const { code, stderr } = await cli(['create-token', '--user', 'amina']);
    expect(code).toBe(1);
    expect(stderr.join('\n')).toContain('there is no user "amina"');
  });

  it('runs a module’s two-word command that needs no database: rules test sfi', async () => {
    const { code, stdout } = await cli(['rules', 'test', 'sfi']);
    expect(code).toBe(0);
    expect(stdout.join('\n')).toMatch(/all \d+ rule test cases pass/);
  });
});
