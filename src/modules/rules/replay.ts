import { isDeepStrictEqual } from 'node:util';
import { AppError } from '../../platform/http/errors.ts';
import { evaluateWithVersion, type RuleSet } from './rule-engine.ts';
import type { RuleSetRef } from './rule-set.schema.ts';

/**
 * Replaying a stored decision: the stored facts evaluated again with the SAME rule-set version
 * (not the one the decision date would choose today), and the result compared with what was
 * stored. A decision record must replay identically (architecture: "a stored decision can be
 * replayed and must give the same outcome"); anything else is reported, field by field.
 */

/** What a decision record keeps (whatever its storage): the facts, the rule set and its hash, the decision. */
export interface StoredDecision {
  facts: unknown;
  ruleSet: RuleSetRef;
  /** sha256 of the rule-set file the decision was made with. */
  contentHash: string;
  /**
   * The decision as stored. Every key present is compared (nested objects key by key, arrays
   * as a whole); a record that keeps only `outcome` and `reasons` is compared on those.
   */
  decision: Record<string, unknown>;
}

export interface ReplayDifference {
  /** `contentHash`, `ruleSet`, `facts`, or the path of a decision field (`outcome`, `reasons`, `ruleSet.version`). */
  field: string;
  stored?: unknown;
  replayed?: unknown;
  /** One line for people. */
  message: string;
}

export type ReplayResult =
  | { identical: true; replayed: Record<string, unknown> }
  | { identical: false; differences: ReplayDifference[]; replayed: Record<string, unknown> | null };

/**
 * Re-evaluates `stored.facts` with version `stored.ruleSet.version` of `ruleSet` (loaded from
 * disk beforehand; no I/O here) and compares. The content hash is compared with the file's: a
 * changed rule file is a difference even when the decision comes out the same, because the
 * rules applied are no longer the ones on record.
 */
export async function replayDecision(ruleSet: RuleSet, stored: StoredDecision): Promise<ReplayResult> {
  if (stored.ruleSet.id !== ruleSet.id) {
    return {
      identical: false,
      differences: [
        {
          field: 'ruleSet',
          stored: stored.ruleSet.id,
          replayed: ruleSet.id,
          message: `the decision was made with rule set ${stored.ruleSet.id}, not ${ruleSet.id}`,
        },
      ],
      replayed: null,
    };
  }
  const version = ruleSet.versions.find((candidate) => candidate.version === stored.ruleSet.version);
  if (!version) {
    const onDisk = ruleSet.versions.map((v) => v.version).join(', ');
    return {
      identical: false,
      differences: [
        {
          field: 'ruleSet',
          stored: stored.ruleSet.version,
          message: `version ${stored.ruleSet.version} of rule set ${ruleSet.id} is no longer on disk (versions: ${onDisk})`,
        },
      ],
      replayed: null,
    };
  }

  const differences: ReplayDifference[] = [];
  if (version.contentHash !== stored.contentHash) {
    differences.push({
      field: 'contentHash',
      stored: stored.contentHash,
      replayed: version.contentHash,
      message: `the rule file ${ruleSet.id}/${version.version}.json has changed since the decision (content hash ${short(stored.contentHash)} then, ${short(version.contentHash)} now)`,
    });
  }

  let replayed: Record<string, unknown>;
  try {
    ({ decision: replayed } = await evaluateWithVersion(ruleSet, version, stored.facts));
  } catch (error) {
    if (!(error instanceof AppError) || error.code !== 'VALIDATION_FAILED') throw error;
    const problems = (error.details.fields ?? []).map(
      (field) => `${field.field}: ${field.params?.message ?? field.code}`,
    );
    differences.push({
      field: 'facts',
      message: `the stored facts are not valid for rule set ${ruleSet.id} today (${problems.join('; ')})`,
    });
    return { identical: false, differences, replayed: null };
  }

  compare(stored.decision, replayed, '', differences);
  return differences.length === 0 ? { identical: true, replayed } : { identical: false, differences, replayed };
}

function compare(stored: unknown, replayed: unknown, path: string, differences: ReplayDifference[]): void {
  if (isPlainObject(stored) && isPlainObject(replayed)) {
    for (const key of Object.keys(stored))
      compare(stored[key], replayed[key], path ? `${path}.${key}` : key, differences);
    return;
  }
  if (isDeepStrictEqual(stored, replayed)) return;
  differences.push({
    field: path,
    stored,
    replayed,
    message: `${path}: stored ${show(stored)}, replayed ${show(replayed)}`,
  });
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function show(value: unknown): string {
  return value === undefined ? '(nothing)' : JSON.stringify(value);
}

function short(hash: string): string {
  return hash.slice(0, 12);
}
