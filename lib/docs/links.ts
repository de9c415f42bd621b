/**
 * Links in documentation texts (`links: true`): descriptions and group paragraphs may
 * carry Markdown inline links to http(s) URLs, as seed 003's page does. Nothing else in a
 * catalog text is markup: other link forms, images and raw HTML stay literal text.
 */

/** A piece of a text: plain text, or a link. */
export type TextPiece = { readonly text: string } | { readonly label: string; readonly url: string };

// `[label](url)` (not `![…](…)`, an image, which stays text): a one-line label without brackets, an absolute http(s) URL without spaces,
// quotes, angle brackets, parentheses, backslashes or table pipes.
const LINK = /(?<!!)\[([^\[\]\r\n]+)\]\((https?:\/\/[^\s"'<>()\\|`]+)\)/g;

/**
 * Splits a text into plain pieces and links; with `links` off, the whole text is one plain piece.
 * @example splitLinks('see [RFC6902](https://www.rfc-editor.org/rfc/rfc6902)', true)
 * // [{ text: 'see ' }, { label: 'RFC6902', url: 'https://www.rfc-editor.org/rfc/rfc6902' }]
 */
export function splitLinks(text: string, links: boolean): TextPiece[] {
  if (!links) return [{ text }];
  const pieces: TextPiece[] = [];
  let at = 0;
  for (const match of text.matchAll(LINK)) {
    if (match.index > at) pieces.push({ text: text.slice(at, match.index) });
    pieces.push({ label: match[1]!, url: match[2]! });
    at = match.index + match[0].length;
  }
  if (at < text.length) pieces.push({ text: text.slice(at) });
  return pieces;
}
