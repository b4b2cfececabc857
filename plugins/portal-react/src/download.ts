/**
 * Saves content as a file in the browser, through a temporary link. The object URL is
 * revoked a moment later: revoking it in the same tick cancels the download in some browsers.
 */
export function downloadFile(
  filename: string,
  content: Blob | string,
  type = 'text/plain;charset=utf-8',
): void {
  const blob =
    typeof content === 'string' ? new Blob([content], { type }) : content;
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
