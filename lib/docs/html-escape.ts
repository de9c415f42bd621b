/**
 * HTML escaping for the reference page: every catalog text is text, never markup.
 */

const SPECIAL = /[&<>"']/g;
const ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * Escapes text for an HTML text node or a quoted attribute value.
 * @example escapeHtml('<script>') // '&lt;script&gt;'
 */
export function escapeHtml(text: string): string {
  return text.replace(SPECIAL, (ch) => ENTITIES[ch]!);
}

/**
 * The `href` of a link to an element id: the id percent-encoded as a URL fragment
 * (a key's `{` and `}` are not URL characters; browsers decode the fragment to find the id).
 * @example fragmentHref('{RESOURCE}_NOT_EXIST') // '#%7BRESOURCE%7D_NOT_EXIST'
 */
export function fragmentHref(id: string): string {
  return `#${escapeHtml(encodeURIComponent(id))}`;
}

/**
 * One of our own label texts as HTML, where text between backticks is code.
 * @example richHtml('a `b`') // 'a <code>b</code>'
 */
export function richHtml(label: string): string {
  return label.split('`').map((part, i) => (i % 2 === 1 ? `<code>${escapeHtml(part)}</code>` : escapeHtml(part))).join('');
}
