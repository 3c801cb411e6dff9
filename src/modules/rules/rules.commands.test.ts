import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { contractDecision, contractFacts } from '../../../test/fixtures/sfi-facts.ts';

const root = fileURLToPath(new URL('../../../', import.meta.url));

/** Runs the CLI as `npm run --silent cli` does, with stdin; collects stdout, stderr and the exit code. */
function cli(args: string[], stdin = ''): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], {
      cwd: root,
      // A clean environment (Vitest adds variables such as BASE_URL that the config would reject)
      // and an unreachable database: if the rule commands opened it, they would fail.
      env: { NODE_ENV: 'test', DATABASE_URL: 'postgres://nobody@127.0.0.1:9/none' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

describe('rules CLI', { timeout: 60_000 }, () => {
  it('rules eval prints exactly one decision JSON on stdout and needs no database', async () => {
    const { code, stdout, stderr } = await cli(['rules', 'eval', 'sfi'], JSON.stringify(contractFacts));
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    expect(JSON.parse(stdout)).toEqual(contractDecision);
  });

  it('rules eval lists every problem with invalid facts on stderr and exits 2', async () => {
    const bad = {
      ...contractFacts,
      decisionDate: '2026-02-30',
      applicant: { ...contractFacts.applicant, residenceBasis: 'tourist' },
    };
    const { code, stdout, stderr } = await cli(['rules', 'eval', 'sfi'], JSON.stringify(bad));
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('invalid facts for rule set sfi');
    expect(stderr).toContain('- decisionDate: must be a real date written YYYY-MM-DD');
    expect(stderr).toContain('- applicant.residenceBasis:');
  });

  it('rules eval rejects input that is not JSON, and an unknown rule set, with exit 2', async () => {
    const notJson = await cli(['rules', 'eval', 'sfi'], 'decisionDate=2026-07-01');
    expect(notJson.code).toBe(2);
    expect(notJson.stderr).toContain('not valid JSON');
    const unknown = await cli(['rules', 'eval', 'parking'], JSON.stringify(contractFacts));
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('rule sets: sfi');
    expect(unknown.stdout).toBe('');
  });

  it('rules test runs every rule test case and exits 0 when all pass', async () => {
    const { code, stdout } = await cli(['rules', 'test']);
    expect(stdout).toMatch(/all \d+ rule test cases pass/);
    expect(code).toBe(0);
  });
});
