/**
 * The two reference documents every rule of this model comes from, and the way a rule cites
 * them: the document, the section (its headings, as a reader finds it) and the words it relies on.
 */
export const seedDocuments = {
  guide: {
    title: 'Platform engineering guide (readiness, roadmap, team structure)',
  },
  wescale: {
    title: 'Platform Engineering explained to decision-makers (WeScale)',
  },
} as const;

/** Which reference document a citation points into. */
export type SeedDocument = keyof typeof seedDocuments;

/** The sections of the reference documents that the rules cite, by their headings. */
export const seedSections = {
  guide: {
    whenToAdopt:
      'Part 3: Strategy & Planning › When to Adopt Platform Engineering: A Guide for Growing Teams',
    roadmap:
      'Part 3: Strategy & Planning › Building Your Platform Engineering Roadmap',
    teamStructure:
      'Part 3: Strategy & Planning › How to Structure a Platform Engineering Team (and the Skills You’ll Need)',
  },
  wescale: {
    decisionProcess:
      'Who decides to implement Platform Engineering in organizations? › Typical decision-making process',
    stakeholders:
      'Who decides to implement Platform Engineering in organizations? › Take away: Summary of profits',
    organisationScale:
      'At what scale is Platform Engineering implemented? › Organizational and global scale',
    domainScale:
      'At what scale is Platform Engineering implemented? › Domain, team scale',
    projectScale:
      'At what scale is Platform Engineering implemented? › Project scale or for a specific digital product',
    scaleTakeAway:
      'At what scale is Platform Engineering implemented? › Take away',
    leadTimes:
      "What is WeScale's approach? › Time required to implement Platform Engineering › Factors influencing lead times",
  },
} as const;

/** A citation: document, section heading and the quoted words. */
export type SourceRef = {
  document: SeedDocument;
  section: string;
  quote: string;
};

/**
 * Formats a citation as `document title, section`. Assessments saved before citations named
 * their section carry only a line number, which means nothing to a reader: they get the title.
 */
export function formatSource(source: SourceRef): string {
  const title = seedDocuments[source.document].title;
  return source.section ? `${title}, ${source.section}` : title;
}
