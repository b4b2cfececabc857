/** One change between two versions of a saved scenario. */
export type RoiChange = { field: string; from: unknown; to: unknown };

const same = (a: unknown, b: unknown) =>
  JSON.stringify(a) === JSON.stringify(b);

/**
 * The fields that differ between two flat records (inputs, or name/description/sharing),
 * in the order of the keys of `after` then those only in `before`; `prefix` names the
 * record, e.g. `inputs.devCosts`.
 */
export function diffRecords(
  before: Record<string, unknown> | undefined,
  after: Record<string, unknown>,
  prefix = '',
): RoiChange[] {
  const keys = [
    ...Object.keys(after),
    ...Object.keys(before ?? {}).filter(k => !(k in after)),
  ];
  const changes: RoiChange[] = [];
  for (const key of keys) {
    const from = before ? before[key] : undefined;
    const to = after[key];
    if (!same(from, to)) {
      changes.push({
        field: prefix ? `${prefix}.${key}` : key,
        from: from === undefined ? null : from,
        to: to === undefined ? null : to,
      });
    }
  }
  return changes;
}
