import { catalogApiRef } from '@backstage/plugin-catalog-react';
import {
  CustomFieldValidator,
  FieldExtensionComponentProps,
} from '@backstage/plugin-scaffolder-react';
import { createFormField } from '@backstage/plugin-scaffolder-react/alpha';
import TextField from '@material-ui/core/TextField';

/** A text field for the new service's name, with the schema's title, help and pattern. */
function ServiceNameInput(props: FieldExtensionComponentProps<string>) {
  const { formData, onChange, rawErrors, required, schema, idSchema } = props;
  return (
    <TextField
      id={idSchema?.$id}
      label={schema.title ?? 'Name'}
      helperText={schema.description}
      required={required}
      value={formData ?? ''}
      onChange={event => onChange(event.target.value)}
      error={(rawErrors?.length ?? 0) > 0}
      margin="normal"
      fullWidth
    />
  );
}

/**
 * Refuses a name any catalog entity already has (of any kind, as the backend's
 * `acme:validate-name` does), so the developer learns it on this page rather than from a
 * failed task. Format errors come from the schema's pattern and maxLength.
 */
export const validateServiceName: CustomFieldValidator<string> = async (
  value,
  validation,
  context,
) => {
  if (!value || !/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(value)) return;
  const catalogApi = context.apiHolder.get(catalogApiRef);
  if (!catalogApi) return;
  const { items } = await catalogApi.getEntities({
    filter: { 'metadata.name': value },
    fields: ['kind', 'metadata.name'],
  });
  if (items.length > 0) {
    validation.addError(
      `"${value}" is already in the catalog (${items
        .map(e => e.kind)
        .join(', ')}); choose another name`,
    );
  }
};

export const serviceNameFormField = createFormField({
  name: 'ServiceName',
  component: ServiceNameInput,
  validation: validateServiceName,
});
