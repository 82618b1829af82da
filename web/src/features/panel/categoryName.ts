import { hasMessage, translate, type Locale } from '../../i18n';

/**
 * A merchant category in the reader's language. The API's per-category figures name categories as stored
 * ("GeneralStore"), the GraphQL enum spells them GENERAL_STORE: both reach the same message.
 */
export function categoryName(category: string, locale: Locale): string {
  const key = `category.${category.replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase()}`;
  return hasMessage(key) ? translate(locale, key) : category;
}
