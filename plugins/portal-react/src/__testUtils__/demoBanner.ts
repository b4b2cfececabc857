import { screen } from '@testing-library/react';

/**
 * The two ways a portal runs, for a page test: on the demo organisation (`portal.demo`, set by
 * app-config.demo.yaml) and on a connected one (nothing set). Pass `config` to the test app.
 */
export const DEMO_MODES = [
  { mode: 'on the demo organisation', config: { portal: { demo: true } } },
  { mode: 'on a connected organisation', config: {} },
] as const;

/** The one line a page shows on the demo organisation (DemoDataBanner). */
export const DEMO_BANNER =
  /^Demo data: a generated Acme Retail organisation served by local GitHub and Kubernetes stand-ins/;

/**
 * The demo banners on the page: waited for when the portal runs on the demo organisation,
 * read at once otherwise (the page has rendered). A page shows exactly one, or none.
 */
export async function demoBanners(demo: boolean): Promise<HTMLElement[]> {
  const notes = demo
    ? await screen.findAllByRole('note')
    : screen.queryAllByRole('note');
  return notes.filter(n => DEMO_BANNER.test(n.textContent ?? ''));
}

/** An API whose every call is still loading: the page around it renders, its figures do not. */
export function loadingApi<T>(): T {
  return new Proxy({}, { get: () => () => new Promise(() => {}) }) as T;
}
