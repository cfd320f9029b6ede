import { describe, expect, it } from 'vitest';
import { createSnapshot } from '@/lib/snapshots/build/create';
import { CREATED_AT, sampleSource } from './fixtures';

function spendOf(currency: string): number | null | undefined {
  const source = sampleSource();
  const snapshot = createSnapshot(
    { ...source, account: { ...source.account, currency } },
    CREATED_AT,
  );
  return snapshot.kpis.find((kpi) => kpi.metric === 'spend')?.current;
}

describe('createSnapshot', () => {
  // The cache holds money in Meta's minor units (lib/util/currency.ts): hundredths, also for KWD,
  // whose ISO 4217 exponent is 3; whole units for JPY and TWD, although TWD's ISO exponent is 2.
  it('turns the sync’s minor units into amounts with Meta’s offset for each currency', () => {
    expect(spendOf('EUR')).toBe(2_142);
    expect(spendOf('JPY')).toBe(214_200);
    expect(spendOf('TWD')).toBe(214_200);
    expect(spendOf('KWD')).toBe(2_142);
  });
});
