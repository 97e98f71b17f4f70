/** The printed section of part 5, context from other files (see context.ts). */
import type { measureContext } from './context';
import { ms, paragraph, table } from './textTable';

type ContextResult = Awaited<ReturnType<typeof measureContext>>;

export function contextSection(context: ContextResult): string[] {
  const row = (name: string, r: ContextResult['afterName']) => [
    name,
    r.points,
    r.packages,
    `${r.foundPct} %`,
    Object.entries(r.perLanguage)
      .map(([language, c]) => `${language} ${c.foundPct} % of ${c.points}`)
      .join(', '),
    `${r.foundWithoutContextPct} %`,
    r.contextTokensP50,
    r.snippetsMean,
    ms(r.warmP50Ms, 2),
    ms(r.warmP99Ms, 2),
    ms(r.coldP50Ms, 2),
    ms(r.coldP99Ms, 2),
  ];
  return [
    '5. Context from other files',
    paragraph(
      'Completion points found in real packages under node_modules: a line (not an import or ' +
        'a comment) of one file that uses a name defined in exactly one other file of the ' +
        'same package and language; open beside it: the defining file and five files of the ' +
        'package that never mention the name. The rest of the line at the cursor is removed: ' +
        'the user is writing it. Found: the prompt (src/core/prompt/buildPrompt ' +
        `with the snippets of src/core/context, budget ${context.maxChars} characters) contains ` +
        'the line that defines the name. Without context it never does: points whose own file ' +
        'holds that line are left out. Retrieval runs only when a request is sent, never per ' +
        'keystroke: "warm" is a request with the windows built (the extension builds them when ' +
        'the editor is idle for 500 ms), "cold" a first request after the seven files were ' +
        'opened with no idle moment before it (it builds their windows). Context tokens: ' +
        'characters the snippets add to the prompt as written (comment markers included) / 4.',
    ),
    table(
      [
        'cursor',
        'points',
        'packages',
        'found',
        'by language',
        'without context',
        'context tokens p50',
        'snippets',
        'warm p50',
        'warm p99',
        'cold p50',
        'cold p99',
      ],
      [row('after the name', context.afterName), row('before the name', context.beforeName)],
      [0, 4],
    ),
    paragraph(
      `Memory: ${context.memory.documentsOpened} real files (${Math.round(context.memory.charsOpened / 1000)}k ` +
        `characters) opened one after another, with requests along the way; the index keeps ` +
        `${context.memory.documentsTracked} documents (${Math.round(context.memory.charsTracked / 1000)}k ` +
        `characters) and their windows in ${context.memory.heapGrowthMB} MB of heap (after full ` +
        'collections, in a child process). Its bounds: 50 documents, 200,000 characters per ' +
        'file, 2,000,000 characters of windows in all.',
    ),
    paragraph(
      `Per keystroke the index only marks the document changed and records the edit: ` +
        `p50 ${context.keystroke.p50Us} µs, p99 ${context.keystroke.p99Us} µs per change event.`,
    ),
  ];
}
