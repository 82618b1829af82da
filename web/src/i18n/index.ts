import { en, vi, type MessageKey } from './messages';
import type { Locale } from './format';

export type { MessageKey } from './messages';
export type { Locale } from './format';

const dictionaries: Record<Locale, Record<MessageKey, string>> = { vi, en };

/** Looks a text up and fills {placeholders}; an unknown key shows itself so a gap is visible, not blank. */
export function translate(locale: Locale, key: MessageKey, params: Record<string, string | number> = {}): string {
  const template = dictionaries[locale][key] ?? key;
  return template.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`));
}

/** True when the dictionary has the key (used for codes that come from the API, such as quality flags). */
export function hasMessage(key: string): key is MessageKey {
  return key in vi;
}
