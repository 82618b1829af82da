/** Layer toggles and the hexagon metric picker. */
import { h, render } from '../../dom';
import { translate } from '../../i18n';
import { hexMetrics, layerNames, type Store } from '../../state';

export function mountLayerPanel(container: HTMLElement, store: Store): void {
  store.watch(['locale', 'layers', 'hexMetric'], (s) => {
    const t = (k: Parameters<typeof translate>[1]) => translate(s.locale, k);
    render(container,
      h('h3', {}, t('layers.title')),
      layerNames.map((layer) => h('label', { class: 'toggle' },
        h('input', { type: 'checkbox', id: `layer-${layer}`, checked: s.layers[layer], onchange: () => store.toggleLayer(layer) }),
        ' ', t(`layers.${layer}`))),
      s.layers.hexagons ? h('label', { class: 'sub' }, t('layers.hexMetric'),
        h('select', { id: 'hex-metric', onchange: (e: Event) => store.update({ hexMetric: (e.target as HTMLSelectElement).value as typeof s.hexMetric }) },
          hexMetrics.map((m) => h('option', { value: m, selected: m === s.hexMetric }, t(`layers.hex.${m}`))))) : null,
      s.layers.merchants ? h('p', { class: 'key' },
        h('span', { class: 'dot', style: 'background:#1b7837' }), t('layers.qrYes'), ' ',
        h('span', { class: 'dot', style: 'background:#b2182b' }), t('layers.qrNo')) : null);
  });
}
