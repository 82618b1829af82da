/** Indicator picker and classing choices (method, number of classes, manual breaks). */
import { h, render } from '../../dom';
import { translate } from '../../i18n';
import { formatPercent, parseDecimal } from '../../i18n/format';
import { indicators, type Store } from '../../state';
import { classings } from './classify';

export function mountChoroplethControls(container: HTMLElement, store: Store): void {
  store.watch(['locale', 'indicator', 'classing', 'classCount', 'manualBreaks'], (s) => {
    const t = (k: Parameters<typeof translate>[1], p?: Record<string, string | number>) => translate(s.locale, k, p);
    const manualText = s.manualBreaks.map((b) => formatPercent(b, s.locale, 1).replace(/\s*%$/, '')).join('; ');
    const error = h('p', { class: 'error', hidden: true });
    render(container,
      h('label', {}, t('indicator.label'),
        h('select', { id: 'indicator', onchange: (e: Event) => store.update({ indicator: (e.target as HTMLSelectElement).value as typeof s.indicator }) },
          indicators.map((i) => h('option', { value: i, selected: i === s.indicator }, t(`indicator.${i}`))))),
      h('div', { class: 'row' },
        h('label', {}, t('classing.label'),
          h('select', { id: 'classing', onchange: (e: Event) => store.update({ classing: (e.target as HTMLSelectElement).value as typeof s.classing }) },
            classings.map((c) => h('option', { value: c, selected: c === s.classing }, t(`classing.${c}`))))),
        s.classing === 'manual' ? null : h('label', { class: 'narrow' }, t('classing.count'),
          h('input', {
            id: 'class-count', type: 'number', min: 2, max: 9, value: s.classCount,
            onchange: (e: Event) => store.update({ classCount: Math.max(2, Math.min(9, Number((e.target as HTMLInputElement).value) || 5)) }),
          }))),
      s.classing !== 'manual' ? null : h('label', {}, t('classing.manualBreaks'),
        h('input', {
          id: 'manual-breaks', type: 'text', value: manualText,
          onchange: (e: Event) => {
            const parts = (e.target as HTMLInputElement).value.split(';').map((p) => p.trim()).filter(Boolean);
            const values: number[] = [];
            for (const part of parts) {
              const n = parseDecimal(part, s.locale);
              if (n == null || n < 0 || n > 100) {
                error.textContent = t('classing.manualInvalid', { value: part });
                error.hidden = false;
                return;
              }
              values.push(n / 100);
            }
            store.update({ manualBreaks: values });
          },
        }), error));
  });
}
