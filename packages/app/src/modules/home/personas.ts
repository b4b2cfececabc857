/**
 * Which persona's column a home-page widget belongs to, by widget name. Plugins that add a
 * widget for one of the personas add its name here; any other widget is shown below the
 * columns, under "For you".
 */
export const personaOfWidget: Record<string, Persona> = {
  CreateService: 'developers',
  FindService: 'teams',
  PlatformNumbers: 'leaders',
  ReadinessVerdicts: 'leaders',
  BusinessCase: 'leaders',
  DeliveryMetrics: 'leaders',
};

export type Persona = 'developers' | 'teams' | 'leaders';

export const personas: Array<{ id: Persona; title: string; subtitle: string }> =
  [
    {
      id: 'developers',
      title: 'Developers',
      subtitle: 'Start a new service from a golden path, no tickets.',
    },
    {
      id: 'teams',
      title: 'Teams',
      subtitle: 'Who owns what, its APIs, where it runs and its docs.',
    },
    {
      id: 'leaders',
      title: 'Leaders',
      subtitle: 'Is the platform paying off?',
    },
  ];
