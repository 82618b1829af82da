/**
 * MapLibre draws circle radii in screen pixels; Wi-Fi coverage is in metres on the ground. At zoom z and
 * latitude φ one pixel covers 40 075 016.686·cos φ / (512·2^z) m (512-px tiles), and since that halves with
 * each zoom an exponential(2) interpolation between two zooms is exact.
 */
const EARTH_CIRCUMFERENCE = 40_075_016.686;

export function metresPerPixel(zoom: number, latitude: number): number {
  return (EARTH_CIRCUMFERENCE * Math.cos((latitude * Math.PI) / 180)) / (512 * 2 ** zoom);
}

/** A circle-radius expression giving `property` metres at the given latitude, at every zoom. */
export function metresToPixelsExpression(property: string, latitude: number): unknown[] {
  return [
    'interpolate', ['exponential', 2], ['zoom'],
    0, ['/', ['get', property], metresPerPixel(0, latitude)],
    22, ['/', ['get', property], metresPerPixel(22, latitude)],
  ];
}
