/**
 * Property-based hostile requests against a backend plugin's routes, through the real HTTP
 * stack: no 5xx, and no hostile value accepted that the route's contract refuses.
 *
 * @packageDocumentation
 */
export {
  BOUNDED_NUMBER_CLASSES,
  DEFAULT_CLASSES,
  HOSTILE_CLASSES,
  hostileValues,
  RawJson,
  wrongTypeFor,
} from './hostile';
export type { FieldType, HostileClass } from './hostile';
export {
  encodePathSegment,
  formatFuzzReport,
  fuzzRoutes,
  toJsonText,
} from './fuzzRoutes';
export type {
  FuzzCase,
  FuzzField,
  FuzzReport,
  FuzzRoute,
  FuzzRoutesOptions,
} from './fuzzRoutes';
export {
  DOCUMENTED_SEED,
  entityRefField,
  idField,
  limitField,
  unchangedWhenRefused,
} from './presets';
