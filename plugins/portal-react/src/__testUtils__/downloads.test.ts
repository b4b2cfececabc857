import { downloadFile } from '../download';
import { captureDownloads } from './downloads';

describe('captureDownloads', () => {
  it('records what downloadFile saves, and lets the browser functions go afterwards', async () => {
    const { createObjectURL } = URL;
    const capture = captureDownloads();
    downloadFile('a.csv', 'x,y\r\n', 'text/csv;charset=utf-8');
    downloadFile('b.md', new Blob(['# B'], { type: 'text/markdown' }));
    expect(capture.downloads.map(d => [d.filename, d.type])).toEqual([
      ['a.csv', 'text/csv;charset=utf-8'],
      ['b.md', 'text/markdown'],
    ]);
    expect(await capture.downloads[0].text()).toBe('x,y\r\n');
    expect(await capture.downloads[1].text()).toBe('# B');
    capture.restore();
    expect(URL.createObjectURL).toBe(createObjectURL);
  });
});
