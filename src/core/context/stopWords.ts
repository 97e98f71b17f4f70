/**
 * Words that say nothing about what a piece of code is about: the keywords and built-in names of
 * the common languages, and the filler words of comments. Left out of identifier sets (as Cody
 * does) so that two windows are similar because they share names, not because both contain
 * `return` and `const`.
 */
export const stopWords: ReadonlySet<string> = new Set(
  [
    // JavaScript / TypeScript
    'abstract as async await boolean break case catch class const constructor continue debugger',
    'declare default delete do else enum export extends false finally for from function get if',
    'implements import in instanceof interface keyof let module namespace never new null number',
    'object of private protected public readonly require return set static string super switch',
    'symbol this throw true try type typeof undefined unknown var void while with yield any',
    'exports prototype length arguments console log',
    // Python, Go, Rust, Java, C-family
    'def elif except lambda nonlocal global pass raise self none cls and or not is print',
    'func go chan defer fallthrough goto map package range struct select int uint float bool',
    'byte rune err nil fn impl mut pub use crate where match loop trait ref move dyn',
    'char double long short signed unsigned sizeof typedef include define ifdef endif',
    'final throws void package extends implements',
    // comment filler
    'the an to be it on at by if is are was this that with for of and or not can will',
    'param returns see example todo',
  ]
    .join(' ')
    .split(' '),
);
