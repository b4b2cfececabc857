import { summaryCsv } from './export';
import { goldenPathAdoption } from './goldenPathAdoption';

describe('summaryCsv', () => {
  it('writes a row per team with its total, the organisation, then the checks', () => {
    const csv = summaryCsv({
      ownerRef: null,
      levels: ['bronze', 'silver', 'gold'],
      entities: 5,
      byTeam: [
        {
          ownerRef: 'group:default/payments-team',
          counts: { silver: 2, gold: 1 },
        },
        { ownerRef: null, counts: { none: 2 } },
      ],
      checks: [
        // 1 of 3 → 33.3 %
        {
          checkId: 'has-on-call-link',
          title: 'On-call link, paged',
          level: 'silver',
          applicable: 3,
          passing: 1,
        },
      ],
      trend: [],
      goldenPaths: goldenPathAdoption({
        services: 5,
        fromGoldenPath: 4,
        onLatestVersion: 3,
      }),
    });
    expect(csv.split('\r\n')).toEqual([
      'Team,Services,below bronze,bronze,silver,gold',
      // 2 silver + 1 gold = 3
      'group:default/payments-team,3,0,0,2,1',
      'no owner,2,2,0,0,0',
      // columns summed: 2, 0, 2, 1 → 5
      'All teams,5,2,0,2,1',
      '',
      'Check,Title,Level,Applies to,Passing,Pass rate %',
      'has-on-call-link,"On-call link, paged",silver,3,1,33.3',
      '',
    ]);
  });
});
