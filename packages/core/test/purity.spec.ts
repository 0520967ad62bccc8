import { expect } from 'chai';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

// dist/test → ../../src
const SRC = fileURLToPath(new URL('../../src', import.meta.url));

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

describe('core purity', () => {
  const sources = files(SRC);

  it('has sources to check', () => {
    expect(sources.length).to.be.greaterThan(20);
  });

  it('imports nothing outside itself (no packages, no node: modules)', () => {
    const offenders: string[] = [];
    for (const f of sources) {
      const text = readFileSync(f, 'utf8');
      for (const m of text.matchAll(/(?:from|import)\s*\(?\s*['"]([^'"]+)['"]/g)) {
        if (!m[1]!.startsWith('./') && !m[1]!.startsWith('../')) offenders.push(`${f}: ${m[1]}`);
      }
      if (/\brequire\(/.test(text)) offenders.push(`${f}: require()`);
    }
    expect(offenders).to.deep.equal([]);
  });

  it('reads no wall clock and makes no random ids (those are ports)', () => {
    const offenders = sources.filter((f) =>
      /Date\.now\(|new Date\(\)|Math\.random\(|crypto\./.test(readFileSync(f, 'utf8')),
    );
    expect(offenders).to.deep.equal([]);
  });

  it('declares no runtime dependencies', () => {
    const pkg = JSON.parse(readFileSync(join(SRC, '..', 'package.json'), 'utf8'));
    expect(Object.keys(pkg.dependencies ?? {})).to.deep.equal([]);
  });
});
