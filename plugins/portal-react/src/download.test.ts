import { downloadFile } from './download';

describe('downloadFile', () => {
  const createObjectURL = jest.fn(() => 'blob:portal/1');
  const revokeObjectURL = jest.fn();
  let clicked: HTMLAnchorElement[];

  beforeEach(() => {
    jest.useFakeTimers();
    Object.assign(URL, { createObjectURL, revokeObjectURL });
    clicked = [];
    jest
      .spyOn(HTMLAnchorElement.prototype, 'click')
      .mockImplementation(function record(this: HTMLAnchorElement) {
        clicked.push(this);
      });
  });

  afterEach(() => {
    jest.useRealTimers();
    jest.restoreAllMocks();
    createObjectURL.mockClear();
    revokeObjectURL.mockClear();
  });

  it('saves text under the file name with its type, then frees the URL and the link', async () => {
    downloadFile('roi.csv', 'a,b\r\n', 'text/csv;charset=utf-8');
    const blob = (createObjectURL.mock.calls[0] as unknown[])[0] as Blob;
    expect(blob.type).toBe('text/csv;charset=utf-8');
    expect(await blob.text()).toBe('a,b\r\n');
    expect(clicked).toHaveLength(1);
    expect(clicked[0].download).toBe('roi.csv');
    expect(clicked[0].href).toBe('blob:portal/1');
    expect(document.querySelector('a')).toBeNull();
    expect(revokeObjectURL).not.toHaveBeenCalled();
    jest.runAllTimers();
    expect(revokeObjectURL).toHaveBeenCalledWith('blob:portal/1');
  });

  it('saves a blob from the backend as it is', () => {
    const blob = new Blob(['%PDF'], { type: 'application/pdf' });
    downloadFile('report.pdf', blob);
    expect(createObjectURL).toHaveBeenCalledWith(blob);
    expect(clicked[0].download).toBe('report.pdf');
  });
});
