import * as assert from 'node:assert/strict';
import { posix, win32 } from 'node:path';
import fc from 'fast-check';
import { joinPath } from '../../../src/core/blog/paths';

/** Node's answer (what Hexo computes with node:path), with `/` separators and no trailing `/` but the root's. */
function nodeJoin(join: (...parts: string[]) => string, parts: string[]): string {
  const joined = join(...parts).replace(/\\/g, '/');
  return joined.length > 1 && !/^[A-Za-z]:\/$/.test(joined) ? joined.replace(/\/+$/, '') : joined;
}

const segment = fc.constantFrom('a', 'b', 'img', 'x.png', '..', '.', '');
const relativePart = fc.array(segment, { minLength: 0, maxLength: 4 }).map((segments) => segments.join('/'));
/** Starts with a name, `.` or `..`: `//x` would be a UNC root (which the last tests cover). */
const leadingPart = relativePart.filter((part) => !part.startsWith('/'));
const startsRelative = (parts: string[]) =>
  !parts
    .filter((part) => part !== '')
    .join('/')
    .startsWith('/');

describe('joinPath (the core has one)', () => {
  it('resolves . and .. as node:path does for absolute paths', () => {
    fc.assert(
      fc.property(leadingPart, fc.array(relativePart, { maxLength: 3 }), (first, rest) => {
        const parts = [`/${first}`, ...rest];
        assert.equal(joinPath(...parts), nodeJoin(posix.join, parts), JSON.stringify(parts));
      }),
    );
  });

  it('resolves . and .. as node:path does for relative paths, keeping a leading ..', () => {
    fc.assert(
      fc.property(fc.array(relativePart, { minLength: 1, maxLength: 3 }).filter(startsRelative), (parts) => {
        assert.equal(joinPath(...parts), nodeJoin(posix.join, parts), JSON.stringify(parts));
      }),
    );
  });

  it('keeps a Windows drive as the root, as node:path.win32 does', () => {
    fc.assert(
      fc.property(leadingPart, fc.array(relativePart, { maxLength: 3 }), (first, rest) => {
        const parts = [`C:/${first}`, ...rest];
        assert.equal(joinPath(...parts), nodeJoin(win32.join, parts), JSON.stringify(parts));
      }),
    );
    assert.equal(joinPath('C:\\blog\\source', '..\\img', 'x.png'), 'C:/blog/img/x.png');
  });

  it('never climbs above a UNC share', () => {
    assert.equal(joinPath('//server/share/blog', '../../../x'), '//server/share/x');
    assert.equal(nodeJoin(win32.join, ['//server/share/blog', '../../../x']), '//server/share/x');
  });

  it('gives the one spelling a blog file is compared and cached by', () => {
    assert.equal(joinPath('/b/source/_posts/', './../img/', 'x.png'), '/b/source/img/x.png');
    assert.equal(joinPath('/b', 'source', '..', '_config.yml'), '/b/_config.yml');
  });
});
