/** How long a learned fact about an endpoint is trusted: servers get upgraded and swapped. */
const lifetimeMs = 60 * 60 * 1000;

/**
 * What each (base URL, model) accepts, learned from its answers rather than guessed from the
 * model name: today whether it takes `suffix` (fill-in-the-middle). Learned on the first real
 * request (no extra probe request), remembered for an hour, in memory only.
 */
export class EndpointCapabilities {
  private readonly suffix = new Map<string, { supported: boolean; at: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  /** true / false once learned, undefined while unknown (then it is worth trying). */
  acceptsSuffix(baseUrl: string, model: string): boolean | undefined {
    const known = this.suffix.get(keyOf(baseUrl, model));
    return known && this.now() - known.at < lifetimeMs ? known.supported : undefined;
  }

  recordSuffix(baseUrl: string, model: string, supported: boolean): void {
    this.suffix.set(keyOf(baseUrl, model), { supported, at: this.now() });
  }

  /** One line for the log and the status tooltip. */
  describe(baseUrl: string, model: string): string {
    const suffix = this.acceptsSuffix(baseUrl, model);
    return `fill-in-the-middle (suffix): ${suffix === undefined ? 'not yet known' : suffix ? 'accepted' : 'refused, prompt only'}`;
  }
}

function keyOf(baseUrl: string, model: string): string {
  return `${baseUrl}\u0000${model}`;
}
