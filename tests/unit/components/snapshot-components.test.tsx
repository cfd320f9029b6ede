// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { EntityTree } from '@/components/EntityTree';
import { FactList } from '@/components/FactList';
import { FindingList } from '@/components/FindingList';
import { KpiTable } from '@/components/KpiTable';
import { Sparkline, sparklineSegments } from '@/components/Sparkline';
import { translate } from '@/tests/unit/components/catalogue';
import { container, mount, unmount } from '@/tests/support/dom';

const HOSTILE = '<img src=x onerror="alert(1)"><script>alert(2)</script>';

afterEach(unmount);

describe('snapshot components render someone else’s text as text', () => {
  it('KpiTable lays out one row per KPI', async () => {
    const row = {
      key: 'spend',
      label: HOSTILE,
      current: '119.0',
      previous: '100.0',
      change: '+19.0 %',
    };
    await mount(<KpiTable t={translate} caption="KPIs" rows={[row]} rowTestId="kpi" />);
    const cells = Array.from(
      container.querySelectorAll('[data-testid="kpi"] > *'),
      (cell) => cell.textContent,
    );
    expect(cells).toEqual([HOSTILE, '119.0', '100.0', '+19.0 %']);
    expect(container.querySelector('img, script')).toBeNull();
  });

  it('FindingList shows severity, subject, sentence and next step', async () => {
    const finding = {
      severity: 'critical' as const,
      subject: HOSTILE,
      sentence: HOSTILE,
      nextStep: 'Check it.',
    };
    await mount(<FindingList t={translate} findings={[finding]} itemTestId="finding" />);
    expect(container.querySelector('[data-testid="finding"]')?.textContent).toBe(
      `Critical ${HOSTILE}${HOSTILE}Next step: Check it.`,
    );
    expect(container.querySelector('img, script')).toBeNull();
  });

  it('FactList and EntityTree keep names inert', async () => {
    await mount(
      <>
        <FactList facts={[{ label: 'About', value: HOSTILE }]} />
        <EntityTree
          entities={[
            { name: 'Account', levelLabel: 'Account', parent: null },
            { name: HOSTILE, levelLabel: 'Campaign', parent: 0 },
          ]}
        />
      </>,
    );
    expect(container.querySelector('dd')?.textContent).toBe(HOSTILE);
    expect(container.querySelector('.entity-tree ul li')?.textContent).toBe(`Campaign ${HOSTILE}`);
    expect(container.querySelector('img, script')).toBeNull();
  });
});

describe('Sparkline', () => {
  it('draws runs of days, with a gap where a value is missing', () => {
    expect(sparklineSegments([0, 10, null, 5], 100, 20)).toEqual([
      '2.0,18.0 34.0,2.0',
      '98.0,10.0 98.0,10.0',
    ]);
    expect(sparklineSegments([null, null], 100, 20)).toEqual([]);
  });

  it('is an image with a label', async () => {
    await mount(<Sparkline values={[1, 2, 3]} label="Spend, daily" />);
    const svg = container.querySelector('svg');
    expect(svg?.getAttribute('role')).toBe('img');
    expect(svg?.getAttribute('aria-label')).toBe('Spend, daily');
    expect(container.querySelectorAll('polyline')).toHaveLength(1);
  });
});
