import { FIM_FAMILY_NAMES, fimFormatNamed, type FimFormat } from './fimFamilies';

const placeholder = /\{(\w+)\}/g;

/** The placeholders a custom `tokenhub.inline.fimTemplate` may use. */
export const CUSTOM_PLACEHOLDERS: readonly string[] = ['prefix', 'suffix', 'path', 'language'];

/**
 * Fills `{name}` placeholders in one pass, so a value that itself contains `{suffix}` (code
 * often does) is written as it is, never substituted again. Unknown names stay as written.
 */
export function renderTemplate(template: string, values: Readonly<Record<string, string>>): string {
  return template.replace(placeholder, (whole, name: string) => values[name] ?? whole);
}

/** `tokenhub.inline.fimTemplate` understood: the model id decides, or a format is named or given. */
export type FimTemplateChoice =
  { readonly kind: 'auto' } | { readonly kind: 'format'; readonly format: FimFormat };

/**
 * Reads `tokenhub.inline.fimTemplate`: `auto`, a family name (`starcoder2`, `qwen`, …) or a
 * custom template with `{prefix}` and usually `{suffix}`, `{path}`, `{language}`. A value that
 * cannot be right gives a message that says why and what would be.
 */
export function parseFimTemplate(
  value: string,
): FimTemplateChoice | { readonly kind: 'invalid'; readonly message: string } {
  const trimmed = value.trim();
  if (trimmed === '' || trimmed.toLowerCase() === 'auto') return { kind: 'auto' };
  const named = fimFormatNamed(trimmed);
  if (named) return { kind: 'format', format: named };
  const names = [...value.matchAll(placeholder)].map((match) => match[1] ?? '');
  const expected = `a family name (${FIM_FAMILY_NAMES.join(', ')}), "auto", or a template with {prefix}`;
  if (names.length === 0) {
    return {
      kind: 'invalid',
      message: `"${value}" is not a known FIM family and has no placeholders: use ${expected}.`,
    };
  }
  const unknown = names.filter((name) => !CUSTOM_PLACEHOLDERS.includes(name));
  if (unknown.length > 0) {
    return {
      kind: 'invalid',
      message: `unknown placeholder ${unknown.map((name) => `{${name}}`).join(', ')}: a template may use ${CUSTOM_PLACEHOLDERS.map((name) => `{${name}}`).join(', ')}.`,
    };
  }
  if (!names.includes('prefix')) {
    return {
      kind: 'invalid',
      message: 'the template has no {prefix}: the text before the cursor would never be sent.',
    };
  }
  return { kind: 'format', format: customFormat(value) };
}

/**
 * A user's template as a format. Its literal pieces that look like special tokens (`<…>`,
 * `[…]`) become stops, so a model that writes one ends the completion there instead of
 * showing it.
 */
function customFormat(template: string): FimFormat {
  const literals = template
    .split(placeholder)
    .filter((_, i) => i % 2 === 0)
    .map((piece) => piece.trim())
    .filter((piece) => /^(<[^<>\s]+>|\[[^[\]\s]+\])$/.test(piece));
  return { name: 'custom', label: 'custom template', template, stops: [...new Set(literals)] };
}
