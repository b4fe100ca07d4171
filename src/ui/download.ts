// Saving a file through the browser's download (a blob URL on a transient link, revoked afterwards).
export function saveFile(name: string, parts: BlobPart | readonly BlobPart[], type: string): void {
  const blob = new Blob(Array.isArray(parts) ? [...(parts as readonly BlobPart[])] : [parts as BlobPart], { type });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A file name made from a user's scenario name: letters (any script), digits, dashes; spaces as dashes. */
export function fileStem(name: string): string {
  return name.normalize('NFC').replace(/[^\p{L}\p{N}_-]+/gu, '-').replace(/^-+|-+$/g, '').slice(0, 80) || 'scenario';
}
