import * as assert from 'node:assert/strict';
import { describeResult, loadCorpus, runCase } from '../../support/postprocessCorpus';
import { TestServer } from '../../support/server';

/**
 * The golden corpus (test/fixtures/postprocess): every case through the real engine and the
 * test server, once with the server honouring the stop sequences sent and once with a server
 * that ignores them, so the client's own cuts must give the same answer.
 */
describe('post-processing golden corpus', () => {
  const cases = loadCorpus();
  let server: TestServer;

  before(async () => {
    server = await TestServer.start();
  });
  after(() => server.close());

  it('covers at least 250 cases, 12 languages, and each rule with near misses', () => {
    assert.ok(cases.length >= 250, `${cases.length} cases`);
    const languages = new Set(cases.map((c) => c.languageId));
    assert.ok(languages.size >= 12, `${languages.size} languages: ${[...languages].join(', ')}`);
    for (const rule of new Set(cases.map((c) => c.rule))) {
      const ofRule = cases.filter((c) => c.rule === rule);
      assert.ok(
        ofRule.some((c) => c.name.startsWith('near miss')),
        `rule ${rule} has no near-miss case`,
      );
      assert.ok(
        ofRule.some((c) => !c.name.startsWith('near miss')),
        `rule ${rule} has no case`,
      );
    }
  });

  cases.forEach((testCase, index) => {
    it(`[${testCase.rule}] ${testCase.name} (${testCase.source}, ${testCase.languageId})`, async () => {
      for (const honourStop of [true, false]) {
        const shown = await runCase(server, testCase, honourStop, index);
        assert.deepEqual(
          shown,
          testCase.expected,
          `${testCase.source} rule ${testCase.rule}, server ${honourStop ? 'honouring' : 'ignoring'} stops: ` +
            `expected ${describeResult(testCase.expected)}, got ${describeResult(shown)}`,
        );
      }
    });
  });
});
