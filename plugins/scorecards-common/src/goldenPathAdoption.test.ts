import {
  GOLDEN_PATH_ADOPTION_AIM,
  goldenPathAdoption,
} from './goldenPathAdoption';

describe('goldenPathAdoption', () => {
  it.each([
    // services, from a golden path, on latest → adopted share, current share, meets 80 %
    // 8 / 10 = 0.8, exactly the aim: met; 6 / 8 = 0.75 on the latest version
    [10, 8, 6, 0.8, 0.75, true],
    // 7 / 10 = 0.7 < 0.8: not met; 7 / 7 = 1 all current
    [10, 7, 7, 0.7, 1, false],
    // 4 / 5 = 0.8: met; 0 / 4 = 0 none on the latest version
    [5, 4, 0, 0.8, 0, true],
    // 9 / 9 = 1: met; 3 / 9 = 0.333…
    [9, 9, 3, 1, 1 / 3, true],
    // no service made from a golden path: 0 / 3 = 0; current share undefined (null)
    [3, 0, 0, 0, null, false],
    // no service at all: both shares undefined, the aim not met
    [0, 0, 0, null, null, false],
  ])(
    '%i services, %i from a golden path, %i on latest',
    (
      services,
      fromGoldenPath,
      onLatestVersion,
      adoptedShare,
      currentShare,
      meetsAim,
    ) => {
      expect(
        goldenPathAdoption({ services, fromGoldenPath, onLatestVersion }),
      ).toEqual({
        services,
        fromGoldenPath,
        onLatestVersion,
        adoptedShare,
        currentShare,
        aim: 0.8,
        meetsAim,
      });
    },
  );

  it('aims at seed 004’s 80 %', () => {
    expect(GOLDEN_PATH_ADOPTION_AIM).toBe(0.8);
  });

  it.each([
    // more services made from a golden path than services
    [{ services: 2, fromGoldenPath: 3, onLatestVersion: 0 }, /≤ services/],
    // more on the latest version than made from a golden path
    [
      { services: 5, fromGoldenPath: 2, onLatestVersion: 3 },
      /≤ fromGoldenPath/,
    ],
    [{ services: -1, fromGoldenPath: 0, onLatestVersion: 0 }, /services/],
    [{ services: 2.5, fromGoldenPath: 0, onLatestVersion: 0 }, /services/],
    [{ services: NaN, fromGoldenPath: 0, onLatestVersion: 0 }, /services/],
  ])('refuses impossible counts %j', (counts, message) => {
    expect(() => goldenPathAdoption(counts)).toThrow(message);
  });
});
