/** The inputs a deploy workflow must accept under `on.workflow_dispatch.inputs`. */
export const REQUIRED_WORKFLOW_INPUTS = ['environment', 'ref'] as const;

/** A workflow's `on:` as a map of triggers (a string or a list has no settings). */
function triggersOf(on: unknown): Record<string, unknown> {
  if (typeof on === 'string') return { [on]: null };
  if (Array.isArray(on)) {
    return Object.fromEntries(on.map(t => [String(t), null]));
  }
  return on && typeof on === 'object' ? (on as Record<string, unknown>) : {};
}

/** Why a workflow cannot be dispatched for an environment, or `undefined` when it can. */
export function workflowInputProblem(
  definition: unknown,
  environment: string,
): string | undefined {
  if (!definition || typeof definition !== 'object') {
    return 'is not a YAML mapping';
  }
  const triggers = triggersOf((definition as Record<string, unknown>).on);
  if (!('workflow_dispatch' in triggers)) {
    return 'has no workflow_dispatch trigger';
  }
  const dispatch = triggers.workflow_dispatch as
    | { inputs?: Record<string, unknown> }
    | null
    | undefined;
  const inputs =
    dispatch?.inputs && typeof dispatch.inputs === 'object'
      ? dispatch.inputs
      : {};
  const missing = REQUIRED_WORKFLOW_INPUTS.filter(name => !(name in inputs));
  if (missing.length > 0) {
    return `does not accept the input${
      missing.length > 1 ? 's' : ''
    } ${missing.join(' and ')} under on.workflow_dispatch.inputs`;
  }
  const spec = inputs.environment as
    | { type?: unknown; options?: unknown }
    | null
    | undefined;
  if (spec?.type === 'choice') {
    const options = Array.isArray(spec.options) ? spec.options.map(String) : [];
    if (!options.includes(environment)) {
      return `does not offer the environment ${environment} (its choices: ${
        options.join(', ') || 'none'
      })`;
    }
  }
  return undefined;
}
