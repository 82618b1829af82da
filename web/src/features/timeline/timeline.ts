/** Month slider with play/pause: one calendar month per step, one step per second while playing. */
import { h, render } from '../../dom';
import { translate } from '../../i18n';
import { formatMonth } from '../../i18n/format';
import type { Store } from '../../state';

const stepMs = 1200;

export function mountTimeline(container: HTMLElement, store: Store): void {
  let timer: ReturnType<typeof setInterval> | null = null;

  store.watch(['months', 'month', 'playing', 'locale'], (s) => {
    const index = s.month ? s.months.indexOf(s.month) : -1;
    const slider = h('input', {
      type: 'range', min: 0, max: Math.max(0, s.months.length - 1), step: 1, value: Math.max(0, index),
      id: 'month-slider', 'aria-label': translate(s.locale, 'timeline.month'), disabled: s.months.length < 2,
      oninput: (e: Event) => store.update({ month: s.months[Number((e.target as HTMLInputElement).value)] ?? null, playing: false }),
    });
    const play = h('button', {
      type: 'button', id: 'play', class: 'icon-button',
      'aria-label': translate(s.locale, s.playing ? 'timeline.pause' : 'timeline.play'),
      title: translate(s.locale, s.playing ? 'timeline.pause' : 'timeline.play'),
      disabled: s.months.length < 2,
      onclick: () => store.update({ playing: !store.state.playing }),
    }, s.playing ? '❚❚' : '▶');
    render(container,
      play,
      h('label', { class: 'month-label', for: 'month-slider' }, s.month ? formatMonth(s.month, s.locale) : '–'),
      slider,
      h('span', { class: 'month-range' }, s.months.length ? `${formatMonth(s.months[0]!, s.locale)} – ${formatMonth(s.months[s.months.length - 1]!, s.locale)}` : ''));
  });

  store.watch(['playing'], (s) => {
    if (s.playing && !timer) timer = setInterval(() => store.nextMonth(), stepMs);
    if (!s.playing && timer) {
      clearInterval(timer);
      timer = null;
    }
  });
}
