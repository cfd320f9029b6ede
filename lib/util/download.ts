/**
 * Saves generated content as a file through the browser's own download flow (a Blob URL and an
 * `<a download>`), so no `downloads` permission is needed. The URL is released a minute later
 * rather than at once, because Chromium reads it after the click returns.
 */
const RELEASE_AFTER_MS = 60_000;

export function downloadFile(name: string, content: BlobPart, type: string): void {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), RELEASE_AFTER_MS);
}
