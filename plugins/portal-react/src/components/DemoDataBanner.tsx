import { configApiRef, useApi } from '@backstage/core-plugin-api';
import { Alert } from '@backstage/ui';

/**
 * One line saying the page shows the demo organisation's data, when the portal runs on it
 * (`portal.demo`, set by app-config.demo.yaml); nothing otherwise. Pages whose figures come
 * from GitHub or Kubernetes render it above them.
 */
export function DemoDataBanner() {
  const config = useApi(configApiRef);
  if (!config.getOptionalBoolean('portal.demo')) return null;
  return (
    <Alert
      status="info"
      icon
      role="note"
      title="Demo data: a generated Acme Retail organisation served by local GitHub and Kubernetes stand-ins. To see your own, connect a GitHub organisation and a cluster (docs/demo.md)."
    />
  );
}
