// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { buildNameIndex, matchName } from '@/lib/ads-manager/name-match';
import { trackRows, type RowTrackerStatus, type TrackedRow } from '@/lib/ads-manager/rows';
import { createFixtureTable } from './table-fixture';

const ENTITIES = [
  { id: '11', name: 'Prospecting | US | Broad' },
  { id: '12', name: 'Retargeting | US | Broad' },
  { id: '13', name: 'Brand | DE | Evergreen' },
];

let controller = new AbortController();

afterEach(() => {
  controller.abort();
  controller = new AbortController();
  document.body.replaceChildren();
});

function track(options: Partial<Parameters<typeof trackRows>[0]> = {}) {
  const changes: TrackedRow[][] = [];
  const statuses: RowTrackerStatus[] = [];
  const tracker = trackRows({
    signal: controller.signal,
    onChange: (changed) => changes.push([...changed]),
    onStatus: (status) => statuses.push(status),
    ...options,
  });
  const ids = () => tracker.rows().map((row) => row.entityId);
  return { tracker, changes, statuses, ids };
}

describe('trackRows', () => {
  it('reads each row’s entity from data-surface and finds its name cell', () => {
    const table = createFixtureTable(ENTITIES);
    document.body.append(table.element);
    const { tracker, changes, statuses, ids } = track();
    expect(ids()).toEqual(['11', '12', '13']);
    expect(changes).toHaveLength(1);
    expect(statuses).toEqual(['tracking']);
    const first = tracker.rows()[0]!;
    expect(first.anchor?.firstElementChild?.textContent).toBe(ENTITIES[0]!.name);
  });

  it('follows a recycled row: same element, new entity, reported alone', async () => {
    const table = createFixtureTable(ENTITIES);
    document.body.append(table.element);
    const { changes, ids } = track();
    const recycled = table.rows[0]!;
    table.bind(recycled, { id: '14', name: 'Sales | FR | Clearance' }, 3);
    await vi.waitFor(() => expect(changes).toHaveLength(2));
    expect(changes[1]!.map((row) => [row.element, row.entityId])).toEqual([[recycled, '14']]);
    expect(ids()).toEqual(['14', '12', '13']);
  });

  it('ignores changes that leave every row’s entity as it was (our own badges, say)', async () => {
    const table = createFixtureTable(ENTITIES);
    document.body.append(table.element);
    const { changes } = track();
    table.rows[1]!.querySelector('[role="cell"] > div')!.append(document.createElement('x-badge'));
    table.setBusy(false);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(changes).toHaveLength(1);
  });

  it('identifies rows without data-surface by unique visible names only', async () => {
    const entities = [...ENTITIES, { id: '15', name: 'Retargeting | US | Broad' }];
    const index = buildNameIndex(entities);
    const table = createFixtureTable(entities.slice(0, 3), { surfaces: false });
    document.body.append(table.element);
    const { ids, changes } = track({ identifyByName: (name) => matchName(index, name) });
    expect(ids()).toEqual(['11', undefined, '13']);
    table.bind(table.rows[0]!, { id: '13', name: 'Brand | DE | Evergreen' }, 0);
    table.bind(table.rows[2]!, { id: '11', name: 'Prospecting | US | Broad' }, 2);
    await vi.waitFor(() => expect(changes).toHaveLength(2));
    expect(ids()).toEqual(['13', undefined, '11']);
  });

  it('identifies rows again on refresh, when names became matchable', () => {
    let index = buildNameIndex([]);
    const table = createFixtureTable(ENTITIES, { surfaces: false });
    document.body.append(table.element);
    const { tracker, ids } = track({ identifyByName: (name) => matchName(index, name) });
    expect(ids()).toEqual([undefined, undefined, undefined]);
    index = buildNameIndex(ENTITIES);
    tracker.refresh();
    expect(ids()).toEqual(['11', '12', '13']);
  });

  it('moves to a new table mounted after a tab switch', async () => {
    const first = createFixtureTable(ENTITIES);
    document.body.append(first.element);
    const { ids } = track();
    const second = createFixtureTable([{ id: '21', name: 'Ad set A' }]);
    first.element.replaceWith(second.element);
    await vi.waitFor(() => expect(ids()).toEqual(['21']));
  });

  it('waits while the table loads, and says so when a loaded table shows no rows it can find', async () => {
    const table = createFixtureTable([]);
    table.setBusy(true);
    document.body.append(table.element);
    const { statuses } = track();
    expect(statuses).toEqual([]);
    table.setBusy(false);
    await vi.waitFor(() => expect(statuses).toEqual(['no-rows']));
  });

  it('takes an empty table’s status message for what it is', () => {
    const table = createFixtureTable([]);
    const message = document.createElement('div');
    message.setAttribute('role', 'status');
    table.element.append(message);
    document.body.append(table.element);
    expect(track().statuses).toEqual(['tracking']);
  });

  it('says when no table appears in time', async () => {
    const { statuses } = track({ tableTimeoutMs: 10 });
    await vi.waitFor(() => expect(statuses).toEqual(['no-table']));
  });

  it('stops following the table when its signal aborts', async () => {
    const table = createFixtureTable(ENTITIES);
    document.body.append(table.element);
    const { changes } = track();
    controller.abort();
    table.bind(table.rows[0]!, { id: '14', name: 'x' }, 0);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(changes).toHaveLength(1);
  });
});
