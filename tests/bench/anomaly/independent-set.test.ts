import { describe, expect, it } from 'vitest';
import { HELD_OUT_SEEDS, createIndependentSet } from './independent-set';

describe('independent evaluation set', () => {
  it('gives every campaign, ad set and ad of an account its own id, so no data overwrites another', () => {
    for (const seed of HELD_OUT_SEEDS) {
      for (const account of createIndependentSet(seed).accounts) {
        const ids = account.world.entities.map((entity) => entity.id);
        expect(new Set(ids).size).toBe(ids.length);
      }
    }
  });
});
