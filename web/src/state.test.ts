import { describe, expect, it, vi } from 'vitest';
import { initialState, monthRange, Store } from './state';

describe('store', () => {
  it('notifies watchers of the keys that changed only', () => {
    const store = new Store(initialState);
    const onMonth = vi.fn();
    const onLocale = vi.fn();
    store.watch(['month'], onMonth);
    store.watch(['locale'], onLocale);
    onMonth.mockClear();
    onLocale.mockClear();

    store.update({ month: '2022-06' });

    expect(onMonth).toHaveBeenCalledOnce();
    expect(onLocale).not.toHaveBeenCalled();
  });

  it('does not notify when a value is set to what it already is', () => {
    const store = new Store(initialState);
    const listener = vi.fn();
    store.watch(['locale'], listener);
    listener.mockClear();
    store.update({ locale: 'vi' });
    expect(listener).not.toHaveBeenCalled();
  });

  it('toggles one layer and keeps the others', () => {
    const store = new Store(initialState);
    store.toggleLayer('wifi');
    expect(store.state.layers.wifi).toBe(true);
    expect(store.state.layers.merchants).toBe(false);
    store.toggleLayer('wifi');
    expect(store.state.layers.wifi).toBe(false);
  });

  it('plays months in order and wraps at the end', () => {
    const store = new Store({ ...initialState, months: ['2022-05', '2022-06'], month: '2022-05' });
    store.nextMonth();
    expect(store.state.month).toBe('2022-06');
    store.nextMonth();
    expect(store.state.month).toBe('2022-05');
  });
});

describe('monthRange', () => {
  it('crosses year ends', () => {
    expect(monthRange('2021-11', '2022-02')).toEqual(['2021-11', '2021-12', '2022-01', '2022-02']);
  });
  it('is empty when from is after to', () => {
    expect(monthRange('2022-03', '2022-02')).toEqual([]);
  });
});
