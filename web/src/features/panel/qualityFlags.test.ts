import { describe, expect, it } from 'vitest';
import { describeFlag } from './qualityFlags';

describe('quality flags', () => {
  it('says the known flags plainly in each language', () => {
    expect(describeFlag('RESIDENTS15_PLUS_EXCEED_POPULATION', 'vi')).toBe('Số người từ 15 tuổi trở lên vượt dân số');
    expect(describeFlag('RESIDENTS15_PLUS_EXCEED_POPULATION', 'en')).toBe('Residents 15+ exceed residents');
  });
  it('still shows a flag it does not know', () => {
    expect(describeFlag('SOMETHING_ODD', 'en')).toBe('Warning: Something odd');
  });
});
