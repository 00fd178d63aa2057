/** Saving a fetched file: a Blob behind a temporary link with the server's file name. */

export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = fileName;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  // The browser has started the download by the next task; the URL can go a little later.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
