/**
 * Seed 004: "80% of the time, the golden path gets them where they want to go faster than any
 * alternative" and "Golden paths should guide 80% of the work. The other 20% needs escape
 * hatches." The organisation's aim: four services in five made from a golden path.
 */
export const GOLDEN_PATH_ADOPTION_AIM = 0.8;

/** Services counted from the stored golden path facts. */
export type GoldenPathCounts = {
  /** Services with a collected `goldenPath.createdFromTemplate`. */
  services: number;
  /** Of them, made from a golden path. */
  fromGoldenPath: number;
  /** Of those, on their template's latest version (`goldenPath.versionsBehind` 0). */
  onLatestVersion: number;
};

export type GoldenPathAdoption = GoldenPathCounts & {
  /** fromGoldenPath / services; null with no service. */
  adoptedShare: number | null;
  /** onLatestVersion / fromGoldenPath; null with no service made from a golden path. */
  currentShare: number | null;
  aim: number;
  /** Whether the adopted share has reached the aim (false with no service). */
  meetsAim: boolean;
};

/** One team's golden path adoption; `ownerRef` null for services without an owner. */
export type TeamGoldenPathAdoption = GoldenPathAdoption & {
  ownerRef: string | null;
};

function share(part: number, whole: number): number | null {
  return whole > 0 ? part / whole : null;
}

/**
 * The organisation's golden path adoption: the share of services made from a golden path,
 * against seed 004's 80 %, and the share of those on their template's latest version.
 * Counts that cannot be (a part above its whole, negative or fractional) are refused, so a
 * wrong query shows as an error instead of a share above 100 %.
 */
export function goldenPathAdoption(
  counts: GoldenPathCounts,
): GoldenPathAdoption {
  const { services, fromGoldenPath, onLatestVersion } = counts;
  for (const [name, value] of Object.entries(counts)) {
    if (!Number.isSafeInteger(value) || value < 0) {
      throw new RangeError(`${name}: must be a whole number ≥ 0`);
    }
  }
  if (fromGoldenPath > services || onLatestVersion > fromGoldenPath) {
    throw new RangeError(
      'onLatestVersion ≤ fromGoldenPath ≤ services must hold',
    );
  }
  const adoptedShare = share(fromGoldenPath, services);
  return {
    ...counts,
    adoptedShare,
    currentShare: share(onLatestVersion, fromGoldenPath),
    aim: GOLDEN_PATH_ADOPTION_AIM,
    meetsAim: adoptedShare !== null && adoptedShare >= GOLDEN_PATH_ADOPTION_AIM,
  };
}
