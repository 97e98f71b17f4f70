/**
 * How code-model families write fill-in-the-middle, as data (facts: fim-and-context.md §2, §3).
 * Templates use the placeholders of {@link renderTemplate}: `{prefix}`, `{suffix}`, `{path}`,
 * `{language}`, and in repository formats `{repo}` and `{content}`.
 */
export interface FimFormat {
  /** Stable name, as written in `tokenhub.inline.fimTemplate` (`starcoder2`), or `custom`. */
  readonly name: string;
  /** Name shown in the log and the status tooltip. */
  readonly label: string;
  /** The current file with the hole. */
  readonly template: string;
  /**
   * Repository-level tokens (Qwen2.5-Coder report Fig. 4; StarCoder2 §5.1): a header, then
   * one entry per context file, then {@link template}. Families without them get context as
   * comments of the file's language inside `{prefix}`.
   */
  readonly repo?: { readonly header: string; readonly file: string };
  /**
   * The family's special strings a model may write after the middle: sent as stop sequences
   * (most likely first, as only four reach the server) and enforced on the text, so they
   * never reach the ghost text.
   */
  readonly stops: readonly string[];
  /** Cody: StarCoder and CodeLlama mishandle the rest of the cursor's line in the suffix. */
  readonly dropsRestOfLine?: boolean;
}

/** A family and how the anchors recognise its model ids (Continue, Twinny: substrings). */
interface FimFamily extends FimFormat {
  /** Lower-cased model id in any spelling servers use (`org/Name-GGUF`, `name:tag`, files). */
  readonly matches: (id: string) => boolean;
}

const QWEN_FIM = '<|fim_prefix|>{prefix}<|fim_suffix|>{suffix}<|fim_middle|>';
const STARCODER_FIM = '<fim_prefix>{prefix}<fim_suffix>{suffix}<fim_middle>';
const STARCODER_STOPS = [
  '<|endoftext|>',
  '<file_sep>',
  '<fim_prefix>',
  '<fim_suffix>',
  '<fim_middle>',
];
/** Chat fine-tunes answer in turns, not in the middle of code (DeepSeek, Seed-Coder). */
const chatTuned = /instruct|chat|reasoning/;

/** In match order: the first family whose test passes names the format. */
const FAMILIES: readonly FimFamily[] = [
  {
    name: 'qwen',
    label: 'Qwen2.5-Coder',
    // qwen2.5-coder:1.5b, Qwen/Qwen2.5-Coder-1.5B, qwen/qwen-2.5-coder-32b-instruct, Qwen3-Coder;
    // not qwen2.5:7b (no FIM), not CodeQwen1.5 (StarCoder's tokens).
    matches: (id) => /qwen[-_]?[\d.]*[-_]?coder/.test(id),
    template: `<|file_sep|>{path}\n${QWEN_FIM}`,
    repo: { header: '<|repo_name|>{repo}\n', file: '<|file_sep|>{path}\n{content}\n' },
    stops: [
      '<|endoftext|>',
      '<|file_sep|>',
      '<|fim_pad|>',
      '<|fim_prefix|>',
      '<|fim_suffix|>',
      '<|fim_middle|>',
      '<|repo_name|>',
      '<|im_start|>',
      '<|im_end|>',
    ],
  },
  {
    name: 'starcoder2',
    label: 'StarCoder2',
    matches: (id) => /starcoder[-_]?2/.test(id),
    template: '<file_sep><fim_prefix>{path}\n{prefix}<fim_suffix>{suffix}<fim_middle>',
    repo: { header: '<repo_name>{repo}', file: '<file_sep>{path}\n{content}' },
    stops: STARCODER_STOPS,
    dropsRestOfLine: true,
  },
  {
    name: 'starcoder',
    label: 'StarCoder',
    // StarCoder's tokens, without repository tokens used here: StarCoder 1, StableCode,
    // CodeQwen1.5, StarChat, OctoCoder.
    matches: (id) => /starcoder|stable-?code|codeqwen|starchat|octocoder/.test(id),
    template: STARCODER_FIM,
    stops: STARCODER_STOPS,
    dropsRestOfLine: true,
  },
  {
    name: 'deepseek',
    label: 'DeepSeek-Coder',
    // deepseek-coder-1.3b-base, DeepSeek-Coder-V2-Lite-Base; not deepseek-chat, not the
    // -instruct fine-tunes.
    matches: (id) => /deepseek[-_]?coder/.test(id) && !chatTuned.test(id),
    // U+FF5C FULLWIDTH VERTICAL LINE and U+2581 LOWER ONE EIGHTH BLOCK, not `|` and `_`.
    template:
      '<\uFF5Cfim\u2581begin\uFF5C>{prefix}<\uFF5Cfim\u2581hole\uFF5C>{suffix}<\uFF5Cfim\u2581end\uFF5C>',
    stops: [
      '<\uFF5Cend\u2581of\u2581sentence\uFF5C>',
      '<\uFF5Cfim\u2581begin\uFF5C>',
      '<\uFF5Cfim\u2581hole\uFF5C>',
      '<\uFF5Cfim\u2581end\uFF5C>',
    ],
  },
  {
    name: 'codellama',
    label: 'CodeLlama',
    // CodeLlama-Python was trained without infilling.
    matches: (id) => /code[-_]?llama/.test(id) && !id.includes('python'),
    // The spaces are part of the format: the tokenizer emits `▁<EOT>`, trimmed with the line.
    template: '<PRE> {prefix} <SUF>{suffix} <MID>',
    stops: ['<EOT>', '<PRE>', '<SUF>', '<MID>'],
    dropsRestOfLine: true,
  },
  {
    name: 'codestral',
    label: 'Codestral',
    matches: (id) => id.includes('codestral'),
    // Suffix first.
    template: '[SUFFIX]{suffix}[PREFIX]{prefix}',
    stops: ['[PREFIX]', '[SUFFIX]'],
  },
  {
    name: 'codegemma',
    label: 'CodeGemma',
    matches: (id) => /code[-_]?gemma/.test(id),
    template: QWEN_FIM,
    stops: [
      '<|file_separator|>',
      '<end_of_turn>',
      '<eos>',
      '<|fim_prefix|>',
      '<|fim_suffix|>',
      '<|fim_middle|>',
    ],
  },
  {
    name: 'granite',
    label: 'Granite 4',
    matches: (id) => /granite[-_.]?4/.test(id),
    template: QWEN_FIM,
    stops: ['<|end_of_text|>', '<|fim_prefix|>', '<|fim_suffix|>', '<|fim_middle|>', '<|fim_pad|>'],
  },
  {
    name: 'seed-coder',
    label: 'Seed-Coder',
    matches: (id) => /seed[-_]?coder/.test(id) && !chatTuned.test(id),
    template: '<[fim-prefix]>{prefix}<[fim-suffix]>{suffix}<[fim-middle]>',
    stops: ['<[end\u2581of\u2581sentence]>', '<[fim-prefix]>', '<[fim-suffix]>', '<[fim-middle]>'],
  },
];

/** Every family's name, for the setting's description and its validation message. */
export const FIM_FAMILY_NAMES: readonly string[] = FAMILIES.map((family) => family.name);

/** The FIM format of a model id, or undefined for models without FIM tokens (gpt-*, chat). */
export function fimFormatOfModel(modelId: string): FimFormat | undefined {
  const id = modelId.toLowerCase();
  return FAMILIES.find((family) => family.matches(id));
}

/** The format named in `tokenhub.inline.fimTemplate` (case-insensitive), if any. */
export function fimFormatNamed(name: string): FimFormat | undefined {
  const wanted = name.trim().toLowerCase();
  return FAMILIES.find((family) => family.name === wanted);
}
