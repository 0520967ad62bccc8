import { readFileSync } from 'node:fs';
import { expect } from 'chai';

const root = new URL('../../../', import.meta.url);

/** Each code block of docs/embedding.md, with the file the comment before it names. */
function excerpts(): Array<{ file: string; code: string }> {
  const doc = readFileSync(new URL('docs/embedding.md', root), 'utf8');
  const found: Array<{ file: string; code: string }> = [];
  for (const m of doc.matchAll(/<!-- (\S+) -->\n```ts\n([\s\S]*?)```/g)) found.push({ file: m[1]!, code: m[2]! });
  return found;
}

describe('docs/embedding.md', () => {
  it('has code blocks, and each names the example it comes from', () => {
    const doc = readFileSync(new URL('docs/embedding.md', root), 'utf8');
    const blocks = doc.match(/```ts\n/g) ?? [];
    expect(blocks.length).to.be.greaterThan(3);
    expect(excerpts()).to.have.length(blocks.length);
  });

  for (const { file, code } of excerpts()) {
    it(`quotes ${file} as it is (so the code shown is the code CI compiles)`, () => {
      expect(readFileSync(new URL(file, root), 'utf8')).to.include(code);
    });
  }
});
