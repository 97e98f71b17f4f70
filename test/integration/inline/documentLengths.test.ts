// The length the provider tracks from change events must equal what VS Code computes from the
// whole document, through every kind of edit: typing, pasting lines, deleting across lines,
// several changes in one edit, and CRLF line breaks.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { cursorText } from '../../../src/inline/cursorText';
import { DocumentLengths } from '../../../src/inline/documentLengths';
import { closeAllEditors, type } from '../editor';

/** VS Code's own answer: the offset of the end of the last line. */
function fullLength(document: vscode.TextDocument): number {
  return document.offsetAt(document.lineAt(document.lineCount - 1).range.end);
}

describe('document lengths from change events', () => {
  const lengths = new DocumentLengths();
  after(() => lengths.dispose());
  afterEach(closeAllEditors);

  for (const eol of ['\n', '\r\n']) {
    const name = eol === '\n' ? 'LF' : 'CRLF';
    it(`follows typing and edits in a ${name} document`, async () => {
      const content = ['function add(a, b) {', '  return a + b;', '}', ''].join(eol);
      const document = await vscode.workspace.openTextDocument({ language: 'javascript', content });
      const editor = await vscode.window.showTextDocument(document);
      assert.equal(lengths.of(document), content.length);

      editor.selection = new vscode.Selection(1, 15, 1, 15);
      await type(' // sum\nnext');
      assert.equal(lengths.of(document), fullLength(document), 'after typing a line break');

      const edit = new vscode.WorkspaceEdit();
      edit.insert(document.uri, new vscode.Position(0, 0), `// header${eol}// more${eol}`);
      edit.delete(document.uri, new vscode.Range(2, 5, 3, 4));
      edit.replace(document.uri, new vscode.Range(4, 0, 4, 1), `}${eol}${eol}export {};`);
      assert.ok(await vscode.workspace.applyEdit(edit));
      assert.equal(lengths.of(document), fullLength(document), 'after one edit of three changes');

      const other = eol === '\n' ? vscode.EndOfLine.CRLF : vscode.EndOfLine.LF;
      assert.ok(await editor.edit((edit) => edit.setEndOfLine(other)));
      assert.equal(lengths.of(document), fullLength(document), 'after switching the line breaks');

      // The windows read by lines around a cursor match the document's own text.
      const end = document.lineAt(document.lineCount - 1).range.end;
      const text = cursorText(
        document,
        new vscode.Position(2, 3),
        undefined,
        '',
        lengths.of(document),
      );
      const offset = document.offsetAt(new vscode.Position(2, 3));
      assert.equal(
        text.prefix,
        document.getText(new vscode.Range(new vscode.Position(0, 0), new vscode.Position(2, 3))),
      );
      assert.equal(text.suffix, document.getText(new vscode.Range(new vscode.Position(2, 3), end)));
      assert.equal(text.offset, offset);
      assert.equal(text.documentLength, fullLength(document));
    });
  }
});
