import { TeamScorecard } from '@internal/plugin-scorecards-common';

export const PAY = 'group:default/payments-team';

/** payments-team: 4 services (1 gold, 2 silver, 1 below bronze), two checks holding them back. */
export const team: TeamScorecard = {
  ownerRef: PAY,
  levels: ['bronze', 'silver', 'gold'],
  counts: { gold: 1, silver: 2, none: 1 },
  services: [
    { entityRef: 'component:default/ledger', title: 'Ledger', level: 'gold' },
    {
      entityRef: 'component:default/checkout-service',
      title: 'Checkout',
      level: 'silver',
    },
    {
      entityRef: 'component:default/refunds',
      title: 'Refunds',
      level: 'silver',
    },
    { entityRef: 'component:default/fx-rates', title: 'FX rates', level: null },
  ],
  holdingBack: [
    {
      checkId: 'lead-time-under-a-day',
      title: 'Lead time under a day',
      level: 'gold',
      services: 2,
    },
    {
      checkId: 'has-codeowners',
      title: 'CODEOWNERS',
      level: 'bronze',
      services: 1,
    },
  ],
  quarters: [
    { quarter: '2026-Q3', day: '2026-09-30', counts: { none: 2, silver: 2 } },
    {
      quarter: '2026-Q4',
      day: '2026-12-03',
      counts: { none: 1, silver: 2, gold: 1 },
    },
  ],
};
