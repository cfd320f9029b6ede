import type { SavedSnapshot } from '@/lib/snapshots/store';
import { periodText, subjectName } from '@/lib/snapshots/render/view';
import { formatDateOf } from '@/lib/util/dates';
import { uiReader } from '@/lib/util/i18n';

interface SavedSnapshotsProps {
  readonly saved: readonly SavedSnapshot[];
  readonly onOpen: (saved: SavedSnapshot) => void;
  readonly onDelete: (saved: SavedSnapshot) => void;
}

export function SavedSnapshots({ saved, onOpen, onDelete }: SavedSnapshotsProps) {
  const reader = uiReader();
  const { t } = reader;
  const day = (ms: number) => formatDateOf(ms, reader.locale);
  if (saved.length === 0) return <p class="muted">{t('viewerNoneSaved')}</p>;
  return (
    <ul class="saved">
      {saved.map((entry) => {
        const name = subjectName(entry.snapshot, reader);
        return (
          <li key={entry.digest} data-testid="saved-snapshot">
            <div>
              <strong>{name}</strong>
              <p class="muted">
                {t(
                  'viewerSavedEntry',
                  periodText(entry.snapshot, reader),
                  day(entry.savedAt),
                  day(entry.expiresAt),
                )}
              </p>
            </div>
            <div class="saved-actions">
              <button
                type="button"
                class="quiet"
                onClick={() => onOpen(entry)}
                aria-label={t('viewerOpenNamed', name)}
              >
                {t('viewerOpen')}
              </button>
              <button
                type="button"
                class="secondary"
                data-testid="saved-snapshot-delete"
                onClick={() => onDelete(entry)}
                aria-label={t('viewerDeleteNamed', name)}
              >
                {t('viewerDelete')}
              </button>
            </div>
          </li>
        );
      })}
    </ul>
  );
}
