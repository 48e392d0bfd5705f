/**
 * Hands `content` to the browser as a file download. Exports are fetched with the sign-in's
 * token (a plain link could not send it), so the page saves what it received.
 */
export function downloadFile(content: string, type: string, fileName: string): void {
  // fetch's text() drops a CSV's byte-order mark; put it back so spreadsheets read UTF-8.
  const parts = type.startsWith("text/csv") ? ["\uFEFF", content] : [content];
  const url = URL.createObjectURL(new Blob(parts, { type }));
  const link = document.createElement("a");
  link.href = url;
  link.download = fileName;
  link.click();
  // The click has started the download; the object URL is no longer needed once it is taken.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
