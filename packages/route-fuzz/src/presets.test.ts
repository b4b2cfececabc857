import { FuzzCase } from './fuzzRoutes';
import { unchangedWhenRefused } from './presets';

const answered = (status: number): FuzzCase => ({
  route: 'POST /api/x/items',
  field: { in: 'body', name: 'name', type: 'text' },
  hostileClass: 'nul',
  value: 'a\u0000',
  mustRefuse: true,
  status,
});

describe('unchangedWhenRefused', () => {
  it('lets an accepted request write, and fails a refused one that wrote', async () => {
    let rows = 1;
    const check = await unchangedWhenRefused(async () => ({ rows }));
    await check(answered(400));
    rows = 2;
    await check(answered(201));
    await check(answered(400));
    rows = 3;
    await expect(check(answered(422))).rejects.toThrow(
      'POST /api/x/items answered 422 but wrote: {"rows":2} became {"rows":3}',
    );
  });
});
