import { describe, expect, it } from 'vitest';
import { GraphQLRequestError } from '../graphql/client';
import { figuresFromReports, isSchemaMismatch, targetFor } from './reportsFallback';

const targets = [
  { scope: 'CITY', value: 0.65, deadline: '2022-12-31' },
  { scope: 'WARD', value: 0.9, deadline: '2023-12-31' },
  { scope: 'CITY', value: 0.5, deadline: '2025-12-31' },
];

describe('figures from reports', () => {
  it('takes the city-wide target still running in that month', () => {
    expect(targetFor('2022-06', targets)).toBe(0.65);
    expect(targetFor('2023-06', targets)).toBe(0.5);
    expect(targetFor('2026-06', targets)).toBe(0.5);
    expect(targetFor('2022-06', [])).toBeNull();
  });

  it('gives Phường 7 its June 2022 rate and the city total', () => {
    const figures = figuresFromReports({
      wards: { totalCount: 2, nodes: [
        { id: 'a', code: '1', name: 'Phường 7', kind: 'PHUONG', geometry: { type: 'Point', coordinates: [0, 0] },
          reports: { nodes: [{ month: '2022-06', residents15Plus: 14565, accountHolders15Plus: 12919, accountOwnershipRate: 12919 / 14565, qualityFlags: [] }] } },
        { id: 'b', code: '2', name: 'Phường 4', kind: 'PHUONG', geometry: { type: 'Point', coordinates: [0, 0] },
          reports: { nodes: [{ month: '2022-06', residents15Plus: 18737, accountHolders15Plus: 5874, accountOwnershipRate: 5874 / 18737, qualityFlags: [] }] } },
      ] },
      targets: { nodes: targets },
    });
    const june = figures.month('2022-06');
    expect(june.wards.nodes[0]!.indicators!.accountOwnership!.rate).toBeCloseTo(0.887, 4);
    expect(june.wards.nodes[0]!.indicators!.accountOwnership!.gap).toBeCloseTo(0.237, 3);
    expect(june.city!.indicators!.accountOwnership!.holders).toBe(12919 + 5874);
    expect(figures.month('2022-07').wards.nodes[0]!.indicators).toBeNull();
    expect(figures.wards[0]!.trend).toEqual([{ month: '2022-06', rate: 12919 / 14565 }]);
  });

  it('recognises a schema that lacks a field', () => {
    expect(isSchemaMismatch(new GraphQLRequestError('Cannot query field "trend" on type "Ward".', 400))).toBe(true);
    expect(isSchemaMismatch(new GraphQLRequestError('timeout', 500))).toBe(false);
  });
});
