/**
 * Names of golden-path components. A name becomes a repository, a catalog entity and the
 * Kubernetes objects of the service, so it must be a DNS-1123 label: at most 63 characters,
 * lower-case letters, digits and '-', starting and ending with a letter or digit.
 */
export const DNS_1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
export const MAX_NAME_LENGTH = 63;

/** Why `name` is not a valid DNS-1123 label, or undefined when it is one. */
export function dns1123LabelProblem(name: string): string | undefined {
  if (name.length === 0) return 'must not be empty';
  if (name.length > MAX_NAME_LENGTH) {
    return `must be at most ${MAX_NAME_LENGTH} characters, got ${name.length}`;
  }
  if (!DNS_1123_LABEL.test(name)) {
    return 'must consist of lower-case letters, digits and "-", and start and end with a letter or digit';
  }
  return undefined;
}

/** The namespace of a service in one environment, e.g. orders-api-staging. */
export function namespaceFor(name: string, environment: string): string {
  return `${name}-${environment}`;
}

/** The catalog Resource entity of a service's database, e.g. orders-api-db. */
export function databaseResourceName(name: string): string {
  return `${name}-db`;
}
