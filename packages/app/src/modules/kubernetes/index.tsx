import {
  coreExtensionData,
  createFrontendModule,
} from '@backstage/frontend-plugin-api';
import kubernetesPlugin from '@backstage/plugin-kubernetes/alpha';
import { DemoDataBanner } from '@internal/plugin-portal-react';

/**
 * The Kubernetes tab of Backstage's Kubernetes plugin, unchanged but for the one-line demo
 * banner above it: on the demo organisation its workloads are the Kubernetes stand-in's.
 */
export const kubernetesContent = kubernetesPlugin
  .getExtension('entity-content:kubernetes/kubernetes')
  .override({
    *factory(originalFactory) {
      for (const output of originalFactory()) {
        if (output.id === coreExtensionData.reactElement.id) {
          yield coreExtensionData.reactElement(
            <>
              <DemoDataBanner />
              {output.value as JSX.Element}
            </>,
          );
        } else {
          yield output;
        }
      }
    },
  });

export const kubernetesDemoModule = createFrontendModule({
  pluginId: 'kubernetes',
  extensions: [kubernetesContent],
});
