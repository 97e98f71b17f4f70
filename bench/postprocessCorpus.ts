/**
 * Part 5: the share of the golden post-processing corpus (test/fixtures/postprocess) the real
 * engine gets exactly right: each case's raw answer streamed by the project's test server,
 * honouring stops as real servers do, and the ghost text compared with the expected insertion
 * and replaced characters.
 */
import { loadCorpus, runCase } from '../test/support/postprocessCorpus';
import { TestServer } from '../test/support/server';

export interface CorpusScore {
  readonly cases: number;
  readonly right: number;
  readonly rightPct: number;
  /** `file:line [rule] name` of each case not right. */
  readonly wrong: readonly string[];
}

export async function scoreCorpus(): Promise<CorpusScore> {
  const cases = loadCorpus();
  const server = await TestServer.start();
  const wrong: string[] = [];
  try {
    for (const [index, testCase] of cases.entries()) {
      const shown = await runCase(server, testCase, true, index);
      const expected = testCase.expected;
      const right =
        shown === undefined || expected === undefined
          ? shown === expected
          : shown.text === expected.text && shown.replaceChars === expected.replaceChars;
      if (!right) wrong.push(`${testCase.source} [${testCase.rule}] ${testCase.name}`);
    }
  } finally {
    await server.close();
  }
  const right = cases.length - wrong.length;
  const rightPct = cases.length === 0 ? 0 : Math.round((1000 * right) / cases.length) / 10;
  return { cases: cases.length, right, rightPct, wrong };
}
