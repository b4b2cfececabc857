import { DatabaseService } from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import {
  CheckDefinition,
  FactValue,
  summaryCsv,
} from '@internal/plugin-scorecards-common';
import { createPostgresTestDatabases } from '@internal/test-databases';
import { Knex } from 'knex';
import { DatabaseScorecardStore } from '../../database/DatabaseScorecardStore';
import { EntityRecord } from '../../database/ScorecardStore';
import { createScorecardService } from './createScorecardService';

jest.setTimeout(60_000);

const databases = createPostgresTestDatabases();

function databaseService(knex: Knex): DatabaseService {
  return { getClient: async () => knex, migrations: { skip: false } };
}

const PAY = 'group:default/payments-team';
const WEB = 'group:default/web-team';

function entity(
  name: string,
  ownerRef: string | null,
  type = 'service',
): EntityRecord {
  return {
    entityRef: `component:default/${name}`,
    title: name,
    kind: 'Component',
    type,
    lifecycle: 'production',
    tags: [],
    ownerRef,
    repository: null,
  };
}

const checks: CheckDefinition[] = [
  {
    id: 'made-from-a-golden-path',
    title: 'Made from a golden path',
    why: 'Seed 004: golden paths, not guardrails.',
    docs: '/docs/scorecards',
    appliesTo: {},
    level: 'bronze',
    rule: { fact: 'goldenPath.createdFromTemplate', equals: true },
  },
];

/** Each service: made from a golden path (null: not collected), and versions behind. */
const goldenPaths: Array<[EntityRecord, boolean | null, number | null]> = [
  [entity('a', PAY), true, 0], // made, on the latest version
  [entity('b', PAY), true, 2], // made, two versions behind
  [entity('c', PAY), false, null], // made by hand
  [entity('g', PAY), null, null], // not collected: not counted
  [entity('d', WEB), true, 0], // made, on the latest version
  [entity('e', WEB), true, 1], // made, one version behind
  [entity('site', WEB, 'website'), true, 0], // a website, not a service: not counted
  [entity('f', null), true, null], // no owner; made, its version unreadable: not the latest
];

describe.each(databases.eachSupportedId())(
  'the summary export on %p',
  databaseId => {
    it('writes the golden path adoption per team and in total from the kept counts', async () => {
      const store = await DatabaseScorecardStore.create({
        database: databaseService(await databases.init(databaseId)),
      });
      const collectedAt = '2026-06-01T10:00:00.000Z';
      const fact = (e: EntityRecord, factId: string, value: FactValue) => ({
        entityRef: e.entityRef,
        factId,
        value,
        collectedAt,
      });
      const service = createScorecardService({
        store,
        checks,
        levels: ['bronze', 'silver'],
        catalogRetriever: {
          source: 'catalog',
          facts: [],
          collect: async () => ({
            entities: goldenPaths.map(([e]) => e),
            facts: [],
          }),
        },
        retrievers: [
          {
            source: 'goldenPath',
            facts: [
              'goldenPath.createdFromTemplate',
              'goldenPath.versionsBehind',
            ],
            collect: async () =>
              goldenPaths.flatMap(([e, made, behind]) => [
                fact(e, 'goldenPath.createdFromTemplate', made),
                fact(e, 'goldenPath.versionsBehind', behind),
              ]),
          },
        ],
        userInfo: mockServices.userInfo(),
        logger: mockServices.logger.mock(),
        now: () => new Date(collectedAt),
      });
      await service.refresh();

      const rows = (csv: string) => {
        const lines = csv.split('\r\n');
        return lines.slice(
          lines.findIndex(line => line.startsWith('Golden path adoption,')),
        );
      };
      expect(rows(summaryCsv(await service.summary()))).toEqual([
        'Golden path adoption,Services,From a golden path,From a golden path %,Aim %,Aim met,On latest version,On latest version %',
        // payments: a b c (g not collected) → 3; made a b → 2 / 3 = 66.7 % < 80 %: not met;
        // on the latest a → 1 / 2 = 50 %
        'group:default/payments-team,3,2,66.7,80,no,1,50',
        // web: d e (the website not counted) → 2; made both → 100 %: met; latest d → 1 / 2
        'group:default/web-team,2,2,100,80,yes,1,50',
        // no owner, last: f → 1, made → 100 %; its version unreadable → 0 of 1 on the latest
        'no owner,1,1,100,80,yes,0,0',
        // all: 3 + 2 + 1 = 6; made 2 + 2 + 1 = 5 → 83.33… → 83.3 % ≥ 80 %: met;
        // latest 1 + 1 + 0 = 2 of the 5 → 40 %
        'All teams,6,5,83.3,80,yes,2,40',
        '',
      ]);
      // narrowed to the web team: its row, and the total is the team's
      expect(rows(summaryCsv(await service.summary(WEB)))).toEqual([
        'Golden path adoption,Services,From a golden path,From a golden path %,Aim %,Aim met,On latest version,On latest version %',
        'group:default/web-team,2,2,100,80,yes,1,50',
        'All teams,2,2,100,80,yes,1,50',
        '',
      ]);
    });
  },
);
