import type { FuzzCase, FuzzField } from './fuzzRoutes';
import { BOUNDED_NUMBER_CLASSES } from './hostile';

/**
 * The seed of the plugins' fuzz runs: the figures docs/security.md records come from it, so a
 * run with it reproduces them.
 */
export const DOCUMENTED_SEED = 20261203;

/**
 * An id of the portal's own rows (a UUID) in a path or a query: anything not of its shape is
 * refused naming the field. Too long a URL and invalid UTF-8 in it are refused by Node and
 * Express before the route, with their own messages, so those are only tolerated.
 */
export function idField(
  name: string,
  where: 'path' | 'query' = 'path',
): FuzzField {
  return {
    in: where,
    name,
    type: 'text',
    refuse: ['nul', 'control', 'wrongType', 'badEntityRef'],
    tolerate: ['long', 'unicode'],
  };
}

/**
 * A catalog entity reference the route checks itself: ASCII of the catalog's shape, so
 * anything else, other letters included, is refused naming the field.
 */
export function entityRefField(
  name: string,
  where: 'body' | 'query',
): FuzzField {
  return {
    in: where,
    name,
    type: 'entityRef',
    refuse: ['nul', 'control', 'badEntityRef', 'wrongType', 'unicode'],
    tolerate: ['long'],
  };
}

/** A page size or offset in the query: a whole number of a range, `-0` included in the refusals. */
export function limitField(name = 'limit'): FuzzField {
  return {
    in: 'query',
    name,
    type: 'integer',
    refuse: [...BOUNDED_NUMBER_CLASSES, 'negativeZero'],
  };
}

/**
 * A `check` for {@link fuzzRoutes}: a refused request (4xx) must leave what `snapshot` reads
 * (row counts, say) as it was, so nothing is half-written. An accepted one may change it: the
 * next refusal is compared with the state after it.
 */
export async function unchangedWhenRefused(
  snapshot: () => Promise<unknown>,
): Promise<(fuzzCase: FuzzCase) => Promise<void>> {
  let known = JSON.stringify(await snapshot());
  return async fuzzCase => {
    const now = JSON.stringify(await snapshot());
    if (fuzzCase.status >= 400 && now !== known) {
      throw new Error(
        `${fuzzCase.route} answered ${fuzzCase.status} but wrote: ${known} became ${now}`,
      );
    }
    known = now;
  };
}
