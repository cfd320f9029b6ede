import { useEffect, useState } from 'preact/hooks';
import type { RecognitionView } from '@/components/RecognitionStatus';

/**
 * What the badges feature could do with the table on screen, for the corner panel to say: how many
 * rows it saw, recognised and badged, and what it could not do. The badges publish, the panel
 * listens, so neither feature imports the other.
 */
export type RecognitionStatus = RecognitionView;

let current: RecognitionStatus | undefined;
const listeners = new Set<(status: RecognitionStatus | undefined) => void>();

const same = (a: RecognitionStatus | undefined, b: RecognitionStatus | undefined) =>
  JSON.stringify(a) === JSON.stringify(b);

export function publishRecognition(status: RecognitionStatus | undefined): void {
  if (same(status, current)) return;
  current = status;
  for (const listener of listeners) listener(status);
}

/** The latest status, re-rendering the component when it changes. */
export function useRecognition(): RecognitionStatus | undefined {
  const [status, setStatus] = useState(current);
  useEffect(() => {
    listeners.add(setStatus);
    setStatus(current);
    return () => void listeners.delete(setStatus);
  }, []);
  return status;
}
