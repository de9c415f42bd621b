/**
 * Readers for the four seed documents, used by the seed-walking tests: each returns every
 * code the document names, with its status and, where the seed gives them, its texts.
 * The seeds are copied into `test/fixtures/seeds/` (from `../shared/seeds/`, where the project's
 * seeds live), so that a clone in an empty folder runs every test.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** One code named by a seed. */
export interface SeedCode {
  readonly code: string;
  /** The status it is listed under; undefined when the seed does not say (an example body). */
  readonly status: number | undefined;
  /** The message column (the game market reference), or the example body's text. */
  readonly message?: string;
  /** The description as written (the BaaS reference: the paragraph under the code). */
  readonly description?: string;
  /** The group (the BaaS reference). */
  readonly group?: string;
}

/** A group of the BaaS reference: name, status and paragraph. */
export interface SeedGroup {
  readonly name: string;
  readonly status: number;
  readonly paragraph: string | undefined;
}

/** The seed files by number. */
export const SEED_FILES = {
  '000': '000_18b49cafd6b013fb.txt',
  '001': '001_d1056ad56076deb1.txt',
  '002': '002_8770609544591759.txt',
  '003': '003_deaa5a5367a91571.txt',
} as const;

/** The repository's copies of the seeds. */
export const SEED_DIR = fileURLToPath(new URL('../fixtures/seeds/', import.meta.url));

/** The text of one seed, read at test time. */
export function readSeed(seed: keyof typeof SEED_FILES): string {
  return readFileSync(path.join(SEED_DIR, SEED_FILES[seed]), 'utf8');
}

/**
 * The marketplace reference: rows `CODEDescription` under `NNN Title#` headings. Code and description run
 * together ("MISSING_IAT_CLAIMJWT 'iat' claim…"), so text alone cannot say where a code ends:
 * `split` is given the candidate codes and must name the one the row starts with.
 * Returns every row as `{ status, row }` so that a row no candidate explains is visible.
 */
export function seed000Rows(text: string): Array<{ status: number; row: string }> {
  const rows: Array<{ status: number; row: string }> = [];
  let status: number | undefined;
  let previous: string | undefined;
  for (const line of text.split('\n')) {
    const heading = /^(\d{3}) [A-Za-z ]+#$/.exec(line);
    if (heading !== null) { status = Number(heading[1]); continue; }
    if (/^Error Response Model#$/.test(line)) status = undefined;
    if (status === undefined || line.startsWith('Error Code')) continue;
    // A row starts with a code: two capitals or more. A sentence right below it continues it.
    if (/^[A-Z]{2}[A-Z0-9_]*/.test(line)) rows.push({ status, row: line });
    else if (line.trim() !== '' && previous === rows.at(-1)?.row) rows.at(-1)!.row += ` ${line.trim()}`;
    previous = rows.at(-1)?.row;
    if (line.trim() === '') previous = undefined;
  }
  return rows;
}

/** The marketplace reference's example body: `"errorCode": "…"` and `"reason": "…"`. */
export function seed000Example(text: string): SeedCode {
  const code = /"errorCode": "([^"]+)"/.exec(text)![1]!;
  const reason = /"reason": "([^"]+)"/.exec(text)![1]!;
  return { code, status: undefined, message: reason };
}

/** The groupware reference: table rows `NNNCODEDescription` (descriptions start with a capitalised word). */
export function seed001Codes(text: string): SeedCode[] {
  const codes: Array<{ code: string; status: number; description: string }> = [];
  let open = false;
  for (const line of text.split('\n')) {
    const row = /^(\d{3})([A-Z{][A-Z0-9_{}]*?)(?=[A-Z][a-z]|A\s)(.*)$/.exec(line);
    if (row !== null) codes.push({ code: row[2]!, status: Number(row[1]), description: row[3]! });
    // A sentence right below a row continues its description.
    else if (open && line.trim() !== '') codes.at(-1)!.description += ` ${line.trim()}`;
    open = row !== null || (open && line.trim() !== '');
  }
  return codes;
}

/** The groupware reference's header table: status → the exact `www-authenticate` value it shows. */
export function seed001Challenges(text: string): Map<number, string> {
  const found = new Map<number, string>();
  for (const match of text.matchAll(/^(\d{3})www-authenticate: (Bearer [^\n]*?")(?=[A-Z][a-z])/gm)) found.set(Number(match[1]), match[2]!);
  return found;
}

/**
 * The game market reference: the Markdown tables. The regular table's rows are `| status | code | description |`
 * (rows whose code cell is empty or a link name no code); the retryable table's rows are 500s
 * and the non-retryable table's 406s, `| code | message | description |`. `\_`, `\{`, `\}` and
 * HTML entities are unescaped. The example body's code is returned too, without a status.
 */
export function seed002Codes(text: string): SeedCode[] {
  const codes: SeedCode[] = [];
  let section = '';
  const clean = (cell: string): string => unescapeHtml(cell.trim().replace(/\\([_{}])/g, '$1'));
  for (const line of text.split('\n')) {
    const heading = /^### (.+)$/.exec(line);
    if (heading !== null) { section = heading[1]!.trim(); continue; }
    if (!line.startsWith('|') || /^\|\s*-/.test(line)) continue;
    const cells = line.split('|').slice(1, -1).map(clean);
    if (section === 'Regular Error Response') {
      const [status, code, description] = cells;
      if (!/^\d{3}$/.test(status!) || code === '' || code!.startsWith('[')) continue;
      codes.push({ code: code!, status: Number(status), description: description! });
    } else if (section === 'Retryable Error Response' || section === 'Non Retryable Error Response') {
      const [code, message, description] = cells;
      if (code === 'code') continue;
      codes.push({ code: code!, status: section.startsWith('Retryable') ? 500 : 406, message: message!, description: description! });
    }
  }
  const example = /&quot;code&quot;: &quot;([^&]+)&quot;,\s*&quot;message&quot;: &quot;(.+?)&quot;/.exec(text);
  if (example !== null) codes.push({ code: example[1]!, status: undefined, message: unescapeHtml(example[2]!) });
  return codes;
}

/** The BaaS reference: `## Group`, `status NNN[, paragraph]`, then `### Code` and its paragraph. */
export function seed003(text: string): { groups: SeedGroup[]; codes: SeedCode[] } {
  const groups: SeedGroup[] = [];
  const codes: SeedCode[] = [];
  const lines = text.split('\n');
  let group: SeedGroup | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const groupHeading = /^## (\S+)$/.exec(line);
    if (groupHeading !== null) {
      const statusLine = nextText(lines, i);
      const status = /^status (\d{3})(?:, (.+))?$/.exec(statusLine ?? '');
      if (status === null) throw new Error(`seed 003: group ${groupHeading[1]} has no "status NNN" line`);
      group = { name: groupHeading[1]!, status: Number(status[1]), paragraph: status[2] };
      groups.push(group);
      continue;
    }
    const codeHeading = /^### (\S+)$/.exec(line);
    if (codeHeading !== null && group !== undefined) {
      codes.push({ code: codeHeading[1]!, status: group.status, group: group.name, description: nextText(lines, i) ?? '' });
    }
  }
  return { groups, codes };
}

function nextText(lines: readonly string[], from: number): string | undefined {
  for (let j = from + 1; j < lines.length; j++) if (lines[j]!.trim() !== '') return lines[j]!.trim();
  return undefined;
}

function unescapeHtml(text: string): string {
  return text.replace(/&quot;/g, '"').replace(/&gt;/g, '>').replace(/&lt;/g, '<').replace(/&amp;/g, '&');
}

/** `[text](url)` → `text`: a seed's Markdown link as the plain text a JSON message carries. */
export function stripLinks(text: string): string {
  return text.replace(/\[([^\]]+)\]\([^)]+\)/g, '$1');
}
