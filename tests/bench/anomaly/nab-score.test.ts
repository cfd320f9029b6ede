import { describe, expect, it } from 'vitest';
import { normalisedNabScore, scoreNabFile, type NabWindow } from './nab';

// 100 rows: rows 0–14 are the probationary period; two anomaly windows.
const ROWS = 100;
const WINDOWS: NabWindow[] = [
  { first: 40, last: 49 },
  { first: 70, last: 79 },
];

function firing(...rows: number[]): boolean[] {
  const detections = new Array<boolean>(ROWS).fill(false);
  for (const row of rows) detections[row] = true;
  return detections;
}

function score(...rows: number[]): number {
  return normalisedNabScore([scoreNabFile(firing(...rows), WINDOWS)]);
}

describe('NAB scorer (standard profile)', () => {
  it('gives 100 to one alert at the start of every window and nothing else', () => {
    expect(score(40, 70)).toBeCloseTo(100, 9);
  });

  it('gives 0 to a detector that never alerts, and counts its windows as missed', () => {
    expect(score()).toBeCloseTo(0, 9);
    expect(scoreNabFile(firing(), WINDOWS)).toMatchObject({ detected: 0, missed: 2 });
  });

  it('rewards an early detection in a window more than a late one', () => {
    expect(score(41, 70)).toBeGreaterThan(score(48, 70));
    expect(score(48, 70)).toBeGreaterThan(score(70));
  });

  it('counts only the first detection in a window', () => {
    expect(score(40, 45, 49, 70)).toBeCloseTo(100, 9);
    expect(scoreNabFile(firing(40, 45, 49, 70), WINDOWS)).toMatchObject({
      detected: 2,
      falsePositives: 0,
    });
  });

  it('lowers the score for a false alarm, less right after a window than far from any', () => {
    const rightAfter = score(40, 70, 50);
    const beforeAnyWindow = score(40, 70, 20);
    expect(rightAfter).toBeLessThan(100);
    expect(beforeAnyWindow).toBeLessThan(rightAfter);
    expect(scoreNabFile(firing(40, 70, 20), WINDOWS).falsePositives).toBe(1);
  });

  it('ignores alerts in the probationary period (the first 15 % of the rows)', () => {
    expect(score(5, 40, 70)).toBeCloseTo(100, 9);
  });

  it('normalises several files together, as the benchmark sums them', () => {
    const perfect = scoreNabFile(firing(40, 70), WINDOWS);
    const silent = scoreNabFile(firing(), WINDOWS);
    expect(normalisedNabScore([perfect, silent])).toBeCloseTo(50, 9);
  });
});
