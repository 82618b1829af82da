import { describe, expect, it } from 'vitest';
import { en, vi } from './messages';
import { translate } from './index';

describe('i18n', () => {
  it('has every Vietnamese key in English too', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(vi).sort());
  });
  it('fills placeholders', () => {
    expect(translate('vi', 'legend.target', { value: '65 %' })).toBe('Mục tiêu 65 %');
    expect(translate('en', 'legend.count', { count: 3 })).toBe('3 units');
  });
  it('states the residents-15+ flag plainly', () => {
    expect(translate('vi', 'flag.RESIDENTS15_PLUS_EXCEED_POPULATION')).toBe('Số người từ 15 tuổi trở lên vượt dân số');
  });
});
