import { NO_LEVEL } from '@internal/plugin-scorecards-common';

const KNOWN: Record<string, string> = {
  [NO_LEVEL]: '#9e9e9e',
  bronze: '#a0643c',
  silver: '#7d8590',
  gold: '#b8860b',
};
const OTHERS = ['#1f77b4', '#2ca02c', '#9467bd', '#17becf'];

/** The colour of a level in charts and badges; levels beyond the usual three get a palette's. */
export function levelColour(level: string, index = 0): string {
  return KNOWN[level] ?? OTHERS[index % OTHERS.length];
}

/** `Gold`, or `Below bronze` when no level is reached. */
export function levelLabel(level: string | null, levels: string[]): string {
  if (level === null || level === NO_LEVEL) {
    return levels.length > 0 ? `Below ${levels[0]}` : 'No level';
  }
  return level.charAt(0).toLocaleUpperCase('en-US') + level.slice(1);
}
