import type { HubMap } from '../../map/createMap';
import { download } from './csv';

/** The map as drawn now, as a PNG (the map keeps its drawing buffer for exactly this). */
export function exportMapPng(map: HubMap, filename: string): Promise<void> {
  return new Promise((resolve) => {
    map.once('render', () => {
      map.getCanvas().toBlob((blob) => {
        if (blob) download(filename, blob);
        resolve();
      }, 'image/png');
    });
    map.triggerRepaint();
  });
}
