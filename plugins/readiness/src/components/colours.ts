import { Colour, Verdict } from '@internal/plugin-readiness-common';

export const colourHex: Record<Colour, string> = {
  green: '#2e7d32',
  yellow: '#f9a825',
  red: '#c62828',
};

export const colourName: Record<Colour, string> = {
  green: 'Green',
  yellow: 'Yellow',
  red: 'Red',
};

export const verdictHex: Record<Verdict, string> = {
  now: colourHex.green,
  plan: colourHex.yellow,
  wait: colourHex.red,
  mixed: '#5c6bc0',
};

export const aspectHex = [
  '#1e88e5',
  '#8e24aa',
  '#00897b',
  '#f4511e',
  '#6d4c41',
];
