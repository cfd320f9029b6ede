import { layoutSnapshotCard, paintCard } from '@/lib/snapshots/render/image';
import type { Snapshot } from '@/lib/snapshots/format/schema';
import type { Reader } from '@/lib/util/i18n';

/** The snapshot card drawn on an OffscreenCanvas, as PNG bytes; nothing is added to the page. */
export async function snapshotPng(snapshot: Snapshot, reader: Reader): Promise<Blob> {
  const probe = new OffscreenCanvas(1, 1).getContext('2d');
  if (!probe) throw new Error('This browser cannot draw on a canvas');
  const card = layoutSnapshotCard(snapshot, reader, (text, font) => {
    probe.font = font;
    return probe.measureText(text).width;
  });
  const canvas = new OffscreenCanvas(card.width, card.height);
  const context = canvas.getContext('2d');
  if (!context) throw new Error('This browser cannot draw on a canvas');
  paintCard(context, card);
  return canvas.convertToBlob({ type: 'image/png' });
}
