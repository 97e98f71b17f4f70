import { hostOf } from '../endpoint';
import { fimFormatOfModel, type FimFormat } from '../prompt/fimFamilies';
import { parseFimTemplate } from '../prompt/fimTemplate';
import { isOllama, suffixFieldReason } from './suffixServers';

/** `tokenhub.inline.fim`. */
export type FimSetting = 'auto' | 'field' | 'template' | 'off';

/** What the decision depends on: the endpoint, the model and the two settings. */
export interface FimInputs {
  readonly baseUrl: string;
  readonly model: string;
  /** Default `auto`. */
  readonly fim?: FimSetting;
  /** `auto`, a family name or a custom template (validated by the settings reader). */
  readonly fimTemplate?: string;
}

/** How the text after the cursor reaches the model. */
export interface FimDecision {
  /**
   * `field`: sent as `suffix`; `template`: the format's FIM tokens written into `prompt`, no
   * `suffix` key; `prefix`: the text before the cursor only.
   */
  readonly via: 'field' | 'template' | 'prefix';
  /** The model family's format: its stops apply whatever `via` is. */
  readonly format: FimFormat | undefined;
  /** Why, for the log and the status tooltip. */
  readonly reason: string;
  /** For `field`: what follows when the server refuses `suffix` (one retry, then remembered). */
  readonly onRefusal?: FimDecision;
  /** For `field` tried on an endpoint not known to take it: its acceptance is worth a log line. */
  readonly probing?: boolean;
}

/** The decision for an endpoint and model, from what is known before any request. */
export function decideFim(inputs: FimInputs): FimDecision {
  const setting = inputs.fim ?? 'auto';
  const choice = parseFimTemplate(inputs.fimTemplate ?? 'auto');
  const named = choice.kind === 'format' ? choice.format : undefined;
  const format = named ?? fimFormatOfModel(inputs.model);
  const decision = (
    via: FimDecision['via'],
    reason: string,
    extra: Pick<FimDecision, 'onRefusal' | 'probing'> = {},
  ): FimDecision => ({ via, format, reason, ...extra });
  const inTemplate = (why: string) =>
    decision('template', `${format?.label} FIM tokens in the prompt: ${why}`);

  // Ollama refuses `suffix` for models whose template has no FIM ("does not support insert"):
  // those are instruct models, whose prompt Ollama wraps as a chat turn, so tokens in the
  // prompt would not help either.
  const fallback = isOllama(inputs.baseUrl)
    ? decision('prefix', 'prefix only: Ollama has no FIM template for this model')
    : format
      ? inTemplate('the server refused `suffix`')
      : decision(
          'prefix',
          'prefix only: the server refused `suffix` and the model family is unknown (tokenhub.inline.fimTemplate can name it)',
        );

  switch (setting) {
    case 'off':
      return decision('prefix', 'prefix only: tokenhub.inline.fim is "off"');
    case 'field':
      return decision('field', '`suffix` field: tokenhub.inline.fim is "field"', {
        onRefusal: fallback,
      });
    case 'template':
      return format
        ? inTemplate('tokenhub.inline.fim is "template"')
        : decision(
            'prefix',
            `prefix only: tokenhub.inline.fim is "template" but no FIM format is known for ${inputs.model}; name one in tokenhub.inline.fimTemplate`,
          );
  }
  const takesField = suffixFieldReason(inputs.baseUrl, inputs.model);
  if (takesField)
    return decision('field', `\`suffix\` field: ${takesField}`, { onRefusal: fallback });
  if (format) {
    // A 200 would not prove the suffix was used (the newest llama.cpp ignores it), so the
    // tokens go in from the first request on.
    return inTemplate(
      `${hostOf(inputs.baseUrl)} is not known to honour \`suffix\` (llama.cpp ignores or refuses it, vLLM and TGI refuse it)`,
    );
  }
  return decision(
    'field',
    '`suffix` field, tried: neither the model family nor the server is known',
    {
      onRefusal: fallback,
      probing: true,
    },
  );
}

/** How long a learned answer is trusted: servers get upgraded and swapped. */
const lifetimeMs = 60 * 60 * 1000;

/**
 * The fill-in-the-middle decision for each (base URL, model, settings): made once from what is
 * known, changed only by the server's answer (a refusal of `suffix`), remembered in memory for
 * an hour, and logged whenever it is made or changes.
 */
export class FimDecisions {
  private readonly known = new Map<string, { decision: FimDecision; at: number }>();

  constructor(
    private readonly log: (message: string) => void = () => {},
    private readonly now: () => number = Date.now,
  ) {}

  /** The decision for the next request. */
  current(inputs: FimInputs): FimDecision {
    const known = this.known.get(keyOf(inputs));
    if (known && this.now() - known.at < lifetimeMs) return known.decision;
    return this.record(inputs, decideFim(inputs));
  }

  /** The server refused `suffix` (`message` is its error): the fallback, from now on. */
  refused(inputs: FimInputs, message: string): FimDecision {
    const current = this.current(inputs);
    // Parallel requests (alternatives) may all be refused: the first one decided.
    const refused = current.onRefusal;
    if (!refused) return current;
    return this.record(inputs, { ...refused, reason: `${refused.reason} ("${message}")` });
  }

  /** The server took `suffix` without complaint: said once where that was not known before. */
  accepted(inputs: FimInputs): void {
    const decision = this.current(inputs);
    if (!decision.probing) return;
    this.record(inputs, {
      ...decision,
      probing: false,
      reason:
        '`suffix` field: the server accepted it (a 200 does not prove it is used; naming the model family in tokenhub.inline.fimTemplate writes FIM tokens instead)',
    });
  }

  /** One line for the status tooltip: what the next request will do, and why. */
  describe(inputs: FimInputs): string {
    const known = this.known.get(keyOf(inputs));
    return `Fill-in-the-middle: ${(known?.decision ?? decideFim(inputs)).reason}`;
  }

  private record(inputs: FimInputs, decision: FimDecision): FimDecision {
    this.known.set(keyOf(inputs), { decision, at: this.now() });
    this.log(`${hostOf(inputs.baseUrl)} ${inputs.model}: fill-in-the-middle: ${decision.reason}`);
    return decision;
  }
}

function keyOf(inputs: FimInputs): string {
  return [inputs.baseUrl, inputs.model, inputs.fim ?? 'auto', inputs.fimTemplate ?? 'auto'].join(
    '\u0000',
  );
}
