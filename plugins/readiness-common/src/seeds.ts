/**
 * The two reference documents every rule of this model comes from, and the way a rule cites
 * them: the document, the line number in the document and the words it relies on.
 */
export const seedDocuments = {
  guide: {
    file: '004_9986b9b2ea840480.txt',
    title: 'Platform engineering guide (readiness, roadmap, team structure)',
  },
  wescale: {
    file: '000_6f9438709c1736ad.txt',
    title: 'Platform Engineering explained to decision-makers (WeScale)',
  },
} as const;

/** Which reference document a citation points into. */
export type SeedDocument = keyof typeof seedDocuments;

/** A citation: document, 1-based line number and the quoted words. */
export type SourceRef = {
  document: SeedDocument;
  line: number;
  quote: string;
};

/** Formats a citation as `file:line`. */
export function formatSource(source: SourceRef): string {
  return `${seedDocuments[source.document].file}:${source.line}`;
}
