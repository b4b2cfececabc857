import { useRouteRef } from '@backstage/frontend-plugin-api';
import { rootRouteRef } from '../routes';

/** Paths inside the calculator: the page, a report, a shared report. */
export function usePaths() {
  const root = useRouteRef(rootRouteRef)?.() ?? '/roi';
  const base = root.replace(/\/$/, '');
  return {
    root: base,
    report: (id: string) => `${base}/report/${encodeURIComponent(id)}`,
    shared: (token: string) => `${base}/shared/${encodeURIComponent(token)}`,
  };
}
