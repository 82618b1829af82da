import type { Indicators } from '../../graphql/types';
import type { Indicator } from '../../state';

/** The value a ward is coloured by, as a fraction, for the chosen indicator. */
export function indicatorValue(indicators: Indicators | null | undefined, indicator: Indicator): number | null {
  if (!indicators) return null;
  switch (indicator) {
    case 'ACCOUNT_OWNERSHIP': return indicators.accountOwnership?.rate ?? null;
    case 'QR_ADOPTION': return indicators.qrAdoption?.rate ?? null;
    case 'WIFI_COVERAGE': return indicators.wifiCoverage?.residentsShare ?? null;
    case 'TEAM_COVERAGE': return indicators.teamCoverage?.rate ?? null;
  }
}

/**
 * The target the legend marks: for accounts the one the API says applies (targets table); QR payment and
 * teams aim at every merchant / neighbourhood; Wi-Fi coverage has no numeric target in the plans.
 */
export function indicatorTarget(all: readonly (Indicators | null | undefined)[], indicator: Indicator): number | null {
  switch (indicator) {
    case 'ACCOUNT_OWNERSHIP': {
      const targets = all.map((i) => i?.accountOwnership?.target).filter((t): t is number => t != null);
      return targets.length ? mostCommon(targets) : null;
    }
    case 'QR_ADOPTION':
    case 'TEAM_COVERAGE':
      return 1;
    case 'WIFI_COVERAGE':
      return null;
  }
}

function mostCommon(values: readonly number[]): number {
  const counts = new Map<number, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]![0];
}
