import { hasMessage, translate, type Locale } from '../../i18n';

/** A data-quality flag from the API in plain words; unknown codes are still shown, never hidden. */
export function describeFlag(code: string, locale: Locale): string {
  const key = `flag.${code.toUpperCase()}`;
  return hasMessage(key) ? translate(locale, key) : translate(locale, 'flag.unknown', { code: humanise(code) });
}

function humanise(code: string): string {
  const words = code.toLowerCase().replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}
