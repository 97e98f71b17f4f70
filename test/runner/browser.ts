// Debian's chromium driven by playwright-core (never a downloaded browser).
import { type Browser, chromium } from 'playwright-core';
import { chromiumPath } from './paths';

/** Flags that keep chromium quiet and offline in a container. */
const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Launches headless chromium; playwright gives it a fresh user-data dir. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
}
