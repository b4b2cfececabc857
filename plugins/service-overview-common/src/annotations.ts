/** The golden path (scaffolder template) a component was created from. */
export const ANNOTATION_TEMPLATE = 'acme.example/template';
/** The version of that golden path. */
export const ANNOTATION_TEMPLATE_VERSION = 'acme.example/template-version';
/** On Group entities: who answers the pager for the team's services. */
export const ANNOTATION_ON_CALL = 'acme.example/on-call';
/** Backstage's Kubernetes label selector id. */
export const ANNOTATION_KUBERNETES_ID = 'backstage.io/kubernetes-id';
export const ANNOTATION_KUBERNETES_NAMESPACE =
  'backstage.io/kubernetes-namespace';
export const ANNOTATION_TECHDOCS_REF = 'backstage.io/techdocs-ref';
export const ANNOTATION_ORPHAN = 'backstage.io/orphan';
export const ANNOTATION_SOURCE_LOCATION = 'backstage.io/source-location';
export const ANNOTATION_GITHUB_SLUG = 'github.com/project-slug';
