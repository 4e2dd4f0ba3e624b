import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor, requestFingerprint } from './cursor';
import { ApiProblem } from './problem';

describe('cursors', () => {
  const params = new URLSearchParams('q=housing&phase=discovery&limit=5');
  const fingerprint = requestFingerprint(params);

  it('come back as where they start, for the same parameters in any order', () => {
    const reordered = new URLSearchParams('limit=5&phase=discovery&q=housing&cursor=ignored');
    expect(requestFingerprint(reordered)).toBe(fingerprint);
    expect(decodeCursor(encodeCursor(10, fingerprint), requestFingerprint(reordered))).toBe(10);
    expect(decodeCursor(undefined, fingerprint)).toBe(0);
  });

  it('are refused with a 400 problem when broken, made up or from other parameters', () => {
    const other = requestFingerprint(new URLSearchParams('q=housing&phase=alpha&limit=5'));
    const forged = Buffer.from(JSON.stringify({ v: 1, at: -5, for: fingerprint })).toString('base64url');
    for (const cursor of ['!!', 'e30', forged, encodeCursor(10, other), Buffer.from('not json').toString('base64url')]) {
      let refused: unknown;
      try {
        decodeCursor(cursor, fingerprint);
      } catch (error) {
        refused = error;
      }
      expect(refused, cursor).toBeInstanceOf(ApiProblem);
      expect((refused as ApiProblem).code).toBe('bad-request');
      expect((refused as ApiProblem).errors[0]!.parameter).toBe('cursor');
    }
  });
});
