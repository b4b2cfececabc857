import { summaryCsv } from './export';
import { goldenPathAdoption } from './goldenPathAdoption';

describe('summaryCsv', () => {
  it('writes a row per team with its total, the organisation, the checks, then the golden path adoption', () => {
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
      goldenPathsByTeam: [
        {
          ownerRef: 'group:default/payments-team',
          ...goldenPathAdoption({
            services: 3,
            fromGoldenPath: 3,
            onLatestVersion: 2,
          }),
        },
        {
          ownerRef: null,
          ...goldenPathAdoption({
            services: 2,
            fromGoldenPath: 1,
            onLatestVersion: 1,
          }),
        },
      ],
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
      'Golden path adoption,Services,From a golden path,From a golden path %,Aim %,Aim met,On latest version,On latest version %',
      // 3 / 3 = 100 % ≥ 80 %: met; 2 of those 3 on the latest version: 66.666… → 66.7
      'group:default/payments-team,3,3,100,80,yes,2,66.7',
      // 1 / 2 = 50 % < 80 %: not met; 1 / 1 = 100 %
      'no owner,2,1,50,80,no,1,100',
      // 4 / 5 = 80 %, exactly the aim: met; 3 / 4 = 75 %
      'All teams,5,4,80,80,yes,3,75',
      '',
    ]);
  });

  it('leaves a share empty when it has no whole', () => {
    const csv = summaryCsv({
      ownerRef: null,
      levels: ['bronze'],
      entities: 0,
      byTeam: [],
      checks: [],
      trend: [],
      // no service read: both shares undefined, the aim not met
      goldenPaths: goldenPathAdoption({
        services: 0,
        fromGoldenPath: 0,
        onLatestVersion: 0,
      }),
      goldenPathsByTeam: [],
    });
    expect(csv.split('\r\n').slice(-3)).toEqual([
      'Golden path adoption,Services,From a golden path,From a golden path %,Aim %,Aim met,On latest version,On latest version %',
      'All teams,0,0,,80,no,0,',
      '',
    ]);
  });
});
