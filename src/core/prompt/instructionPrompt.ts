import { buildPrompt, type DocumentContext } from './buildPrompt';
import { commentSyntaxFor } from './commentSyntax';

/** A request for the command-palette prompt: the user's instruction applied at the cursor. */
export interface InstructionContext extends DocumentContext {
  readonly instruction: string;
  /** The selected text the result replaces, or '' to insert at the cursor. */
  readonly selection: string;
}

export interface InstructionPrompt {
  readonly prompt: string;
  /** Stops that end the answer for this prompt shape. */
  readonly stop: readonly string[];
}

/**
 * The Completions API continues text, it does not follow orders, so the instruction is framed
 * as text whose natural continuation is the answer:
 * - with a selection, a fenced "before" block and an open "after" fence that ends at ```;
 * - without one, the code before the cursor (windowed like ghost text), then the instruction as
 *   a comment of the file's language, so the model writes the code that comment asks for.
 */
export function buildInstructionPrompt(context: InstructionContext): InstructionPrompt {
  const instruction = context.instruction.trim().replace(/\s*\n\s*/g, ' ');
  if (context.selection !== '') {
    const { prompt } = buildPrompt({ ...context, prefix: '', suffix: '' });
    return {
      prompt:
        `${prompt}Instruction: ${instruction}\n\n` +
        `Original ${context.languageId} code:\n\`\`\`\n${context.selection}\n\`\`\`\n\n` +
        `The same code with the instruction applied:\n\`\`\`\n`,
      stop: ['\n```'],
    };
  }
  const { start, end } = commentSyntaxFor(context.languageId);
  const { prompt } = buildPrompt(context);
  const lineStart = context.prefix.slice(context.prefix.lastIndexOf('\n') + 1);
  const indent = /^\s*/.exec(lineStart)?.[0] ?? '';
  // On a non-empty line the comment goes on a line of its own, then the answer starts below it.
  const separator = lineStart.trim() === '' ? '' : '\n' + indent;
  return {
    prompt: `${prompt}${separator}${start} ${instruction}${end}\n${indent}`,
    stop: ['\n\n\n'],
  };
}
