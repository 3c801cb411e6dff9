import { describe, expect, it } from 'vitest';
import { parseLegalReference } from '../../platform/legal/legal-reference.ts';
import { DEFAULT_MANUAL_LEGAL_REF, registeredServiceDefinitionSchema } from './e-services.schema.ts';

const names = { sv: 'Ansökan', en: 'Application' };

describe('an e-service definition’s legal reference for manual decisions', () => {
  it('accepts a reference the platform can read and render', () => {
    expect(
      registeredServiceDefinitionSchema.safeParse({ names, manualDecisionLegalRef: 'SkolL 20 kap. 33 §' }).success,
    ).toBe(true);
  });

  it('refuses one it cannot read, so no letter or page cites an unreadable string', () => {
    const parsed = registeredServiceDefinitionSchema.safeParse({
      names,
      manualDecisionLegalRef: 'Skollagen kapitel tjugo',
    });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.path).toEqual(['manualDecisionLegalRef']);
  });

  it('cites förvaltningslagen 32 § by default, which reads as a provision', () => {
    expect(parseLegalReference(DEFAULT_MANUAL_LEGAL_REF)).toEqual({
      kind: 'provision',
      act: 'förvaltningslagen',
      sfs: '2017:900',
      section: '32',
    });
  });
});
