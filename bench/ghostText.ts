/**
 * What the editor shows as ghost text, following VS Code's rules: a new answer replaces it;
 * typing the characters it starts with keeps showing the rest at once (before the provider
 * answers again); typing anything else hides it. Also remembers which characters of the file
 * were ever on screen as ghost text, for "generated but never shown".
 */
export class GhostText {
  private visible = '';
  private readonly everShown: Uint8Array;
  /** Ghost texts that were not the file's true continuation (post-processing changed them). */
  mismatches = 0;

  constructor(private readonly fileText: string) {
    this.everShown = new Uint8Array(fileText.length);
  }

  /**
   * The user typed `typed`; returns whether they typed through a shown suggestion (it started
   * with `typed` and there is more of it left).
   */
  type(typed: string): boolean {
    const through = this.visible.length > typed.length && this.visible.startsWith(typed);
    this.visible = through ? this.visible.slice(typed.length) : '';
    return through;
  }

  /** The provider answered `text` with the cursor at `offset`: it is what shows now. */
  show(text: string, offset: number): void {
    this.visible = text;
    if (!this.fileText.startsWith(text, offset)) this.mismatches++;
    this.everShown.fill(1, offset, Math.min(offset + text.length, this.fileText.length));
  }

  /** The provider answered nothing when asked again: the ghost text goes away. */
  hide(): void {
    this.visible = '';
  }

  /** How many distinct characters of the file were ever shown as ghost text. */
  get charsEverShown(): number {
    let count = 0;
    for (const shown of this.everShown) count += shown;
    return count;
  }
}
