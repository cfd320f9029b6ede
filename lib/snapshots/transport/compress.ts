import { SnapshotError } from '@/lib/snapshots/format/errors';

/** Raw DEFLATE through the platform's CompressionStream (browsers, Node 20): no dependency. */
export async function deflateRaw(bytes: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([bytes as Uint8Array<ArrayBuffer>])
    .stream()
    .pipeThrough(new CompressionStream('deflate-raw'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/**
 * Inflates at most `maxBytes`: a few hundred kilobytes of DEFLATE can expand to gigabytes, so the
 * output is counted as it streams and the stream is abandoned past the cap.
 */
export async function inflateRaw(bytes: Uint8Array, maxBytes: number): Promise<Uint8Array> {
  const reader = new Blob([bytes as Uint8Array<ArrayBuffer>])
    .stream()
    .pipeThrough(new DecompressionStream('deflate-raw'))
    .getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
      total += chunk.value.length;
      if (total > maxBytes) {
        await reader.cancel();
        throw new SnapshotError('too-large', 'snapshotErrorLinkExpands');
      }
      chunks.push(chunk.value);
    }
  } catch (error) {
    if (error instanceof SnapshotError) throw error;
    throw new SnapshotError('corrupt-link', 'snapshotErrorLinkDamaged');
  }
  const output = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    output.set(chunk, offset);
    offset += chunk.length;
  }
  return output;
}
