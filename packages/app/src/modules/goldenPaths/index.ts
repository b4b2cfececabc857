import { createFrontendModule } from '@backstage/frontend-plugin-api';
import { FormFieldBlueprint } from '@backstage/plugin-scaffolder-react/alpha';

/**
 * The golden paths' name field (`ui:field: ServiceName`): a DNS-1123 label the catalog does
 * not hold yet, checked in the form before the task starts (and again by `acme:validate-name`).
 */
const serviceNameField = FormFieldBlueprint.make({
  name: 'service-name',
  params: {
    field: () => import('./ServiceNameField').then(m => m.serviceNameFormField),
  },
});

export const goldenPathsFormModule = createFrontendModule({
  pluginId: 'scaffolder',
  extensions: [serviceNameField],
});
