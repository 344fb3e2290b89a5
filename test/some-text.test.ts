/**
 * someText (src/check/someText.ts): the question checkGlyphs and checkReferences ask of a
 * parsed value before they walk its syntax tree for positions.
 */
import { expect } from 'chai';
import { someText } from '../src/check/someText.js';

const hasX = (text: string): boolean => text.includes('x');

describe('someText: whether a text of a parsed value passes a test', () => {
  it('looks at the strings at every depth, not at numbers, dates or booleans', () => {
    expect(someText({ a: [{ b: 'ja' }, { c: ['nein', 'box'] }] }, hasX)).to.equal(true);
    expect(someText({ a: [1, true, null, new Date(0)], b: 'ja' }, hasX)).to.equal(false);
    expect(someText('x', hasX)).to.equal(true);
  });

  it('looks at the keys only when asked to', () => {
    const value = { text: 'ohne', max: 'ohne' };
    expect(someText(value, hasX)).to.equal(false);
    expect(someText(value, hasX, { keys: true })).to.equal(true);
  });

  it('skips the value of one key of the top-level map, and only there', () => {
    const header = { nummer: 'x', titel: 'ohne', teile: [{ nummer: 'ohne' }] };
    expect(someText(header, hasX, { skipTop: 'nummer' })).to.equal(false);
    expect(someText({ ...header, teile: [{ nummer: 'x' }] }, hasX, { skipTop: 'nummer' })).to.equal(
      true,
    );
    expect(someText(header, hasX)).to.equal(true);
  });
});
