import type { Site } from './context';

/**
 * A completion that starts by restating what is already typed on the cursor's line: an
 * instruct model restarting the line (`const us█` + `const user = …`) or the half-typed word
 * (`retu█` + `return x;`). The restated part is dropped.
 */
export function dropRestatedStart(text: string, site: Site): string {
  const typed = site.lineBefore.trimStart();
  if (typed.length >= 3 && text.startsWith(typed) && text.length > typed.length) {
    return text.slice(typed.length);
  }
  const partial = partialWord(site);
  if (partial.length < 2 || !text.startsWith(partial)) return text;
  const word = /^[\w$]+/.exec(text)?.[0] ?? '';
  if (word.length <= partial.length || knownWords(site).has(partial + word)) return text;
  return text.slice(partial.length);
}

/**
 * Whether the completion is glued onto a half-typed identifier it does not continue:
 * `retur█` + `items;` reads `returitems;`. Judged against the words of the document and the
 * languages' keywords: the glued text must be a known word, the half-typed word must start a
 * known word and not be one itself, and the joined word must neither lead into nor extend any
 * of those. A new camelCase part
 * (`get█` + `Value`) is a continuation.
 */
export function gluedOnWord(text: string, site: Site): boolean {
  const partial = partialWord(site);
  const glued = /^[a-z][\w$]*/.exec(text)?.[0];
  if (partial.length < 2 || glued === undefined) return false;
  const known = knownWords(site);
  // Glue is a new word started with no space (`retur█` + `items`), so the glued text must
  // itself be a known word: `co█` + `unt = 0` names something new.
  if (known.has(partial) || !known.has(glued)) return false;
  const joined = partial + glued;
  let partialStartsOne = false;
  for (const word of known) {
    if (!word.startsWith(partial)) continue;
    // The joined word goes on along a known word, or extends one (`getUser` + `ById`).
    if (word.startsWith(joined) || joined.startsWith(word)) return false;
    partialStartsOne = true;
  }
  return partialStartsOne;
}

/** The identifier characters right before the cursor (`ret` in `  return ret█`). */
function partialWord(site: Site): string {
  return /[A-Za-z_$][\w$]*$/.exec(site.lineBefore)?.[0] ?? '';
}

/** Characters of the document on each side read for its vocabulary. */
const vocabularyChars = 4000;

function knownWords(site: Site): Set<string> {
  const { prefix, suffix } = site.context;
  const before = prefix.slice(-vocabularyChars).replace(/[A-Za-z_$][\w$]*$/, '');
  const words = new Set(commonWords);
  for (const text of [before, suffix.slice(0, vocabularyChars)]) {
    for (const word of text.match(/[A-Za-z_$][\w$]*/g) ?? []) words.add(word);
  }
  return words;
}

/** Keywords and everyday library names of the common languages. */
const commonWords =
  `abstract and append as assert async await begin bool boolean break byte case catch
chan char class const continue def default defer delete do double elif else elsif end ensure
enum except export extends extern false final finally float fn for foreach from func function
go goto if impl implements import in include instanceof int interface is lambda let local long
loop match mod module mut namespace new nil none not null object or override package pass print
printf println private protected pub public raise range require rescue return select self short
static string struct super switch then this throw throws trait true try type typeof undefined
unless until use using val var void when where while yield None True False String Object Array
Math JSON Promise Error console document window process System fmt std len make map error
errors string strings int64 float64 usize isize u8 u32 i32 i64 f64 Vec Option Some Ok Err
Result list dict set tuple str isinstance enumerate zip open echo array function`.split(/\s+/);
