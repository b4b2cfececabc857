/** A file the page handed to the browser to save. */
export type CapturedDownload = {
  filename: string;
  type: string;
  text: () => Promise<string>;
};

/**
 * Records the files `downloadFile` saves instead of letting jsdom follow the link: call it in a
 * test (or `beforeEach`), click the page's export button, then read `downloads`.
 * `restore()` puts the browser functions back.
 */
export function captureDownloads(): {
  downloads: CapturedDownload[];
  restore: () => void;
} {
  const downloads: CapturedDownload[] = [];
  const blobs = new Map<string, Blob>();
  const original = {
    createObjectURL: URL.createObjectURL,
    revokeObjectURL: URL.revokeObjectURL,
  };
  Object.assign(URL, {
    createObjectURL: (blob: Blob) => {
      const url = `blob:test/${blobs.size + 1}`;
      blobs.set(url, blob);
      return url;
    },
    revokeObjectURL: () => {},
  });
  const click = jest
    .spyOn(HTMLAnchorElement.prototype, 'click')
    .mockImplementation(function record(this: HTMLAnchorElement) {
      const blob = blobs.get(this.href);
      if (!blob || !this.download) return;
      downloads.push({
        filename: this.download,
        type: blob.type,
        text: () => blob.text(),
      });
    });
  return {
    downloads,
    restore: () => {
      click.mockRestore();
      Object.assign(URL, original);
    },
  };
}
