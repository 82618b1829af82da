import { describe, expect, it } from 'vitest';
import { indicatorTarget, indicatorValue } from './indicators';

const ward = {
  accountOwnership: { holders: 12919, residents15Plus: 14565, rate: 0.887, target: 0.65, gap: 0.237 },
  qrAdoption: { merchants: 10, withQr: 4, rate: 0.4 },
  wifiCoverage: { areaShare: 0.3, residentsShare: 0.5 },
  teamCoverage: { neighborhoods: 4, withTeam: 3, rate: 0.75 },
};

describe('indicators', () => {
  it('reads the value of each indicator', () => {
    expect(indicatorValue(ward, 'ACCOUNT_OWNERSHIP')).toBe(0.887);
    expect(indicatorValue(ward, 'QR_ADOPTION')).toBe(0.4);
    expect(indicatorValue(ward, 'WIFI_COVERAGE')).toBe(0.5);
    expect(indicatorValue(ward, 'TEAM_COVERAGE')).toBe(0.75);
    expect(indicatorValue(null, 'ACCOUNT_OWNERSHIP')).toBeNull();
  });
  it('takes the account target the API gives', () => {
    expect(indicatorTarget([ward, ward, null], 'ACCOUNT_OWNERSHIP')).toBe(0.65);
    expect(indicatorTarget([null], 'ACCOUNT_OWNERSHIP')).toBeNull();
    expect(indicatorTarget([], 'QR_ADOPTION')).toBe(1);
  });
});
