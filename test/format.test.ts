import { expect } from 'chai';
import {
  formatAmount,
  formatDate,
  formatNumber,
  formatPercent,
  toCents,
} from '../src/format/german.js';
import { linkify } from '../src/template/helpers.js';

describe('German notation', () => {
  it('numbers, amounts and percentages follow de-DE', () => {
    expect(formatNumber(6934)).to.equal('6.934');
    expect(formatNumber(13518)).to.equal('13.518');
    expect(formatNumber(1.5)).to.equal('1,5');
    expect(formatAmount(976377.32)).to.equal('976.377,32\u00a0€');
    expect(formatAmount(350000)).to.equal('350.000,00\u00a0€');
    expect(formatAmount(350000, 'ganz')).to.equal('350.000\u00a0€');
    expect(formatAmount(110000, 'strich')).to.equal('110.000,-\u00a0€');
    expect(formatAmount(0.1 + 0.2)).to.equal('0,30\u00a0€');
    expect(formatPercent(40)).to.equal('40\u00a0%');
  });

  it('dates, months and vague points in time', () => {
    expect(formatDate('2019-12-17')).to.equal('17.12.2019');
    expect(formatDate('2016-02')).to.equal('Februar 2016');
    expect(formatDate('2020-03')).to.equal('März 2020');
    expect(formatDate('Ende 2019')).to.equal('Ende des Jahres 2019');
  });

  it('sums to the cent without float error', () => {
    expect(toCents(350000) + toCents(626377.32)).to.equal(toCents(976377.32));
    expect(toCents(0.1) + toCents(0.2)).to.equal(toCents(0.3));
  });

  it('clerk text is escaped, web addresses and known Vorlage numbers become links', () => {
    expect(linkify('Schüler*innen <b>&</b> {{x}}', [])).to.equal(
      'Schüler*innen &lt;b&gt;&amp;&lt;/b&gt; {{x}}',
    );
    expect(linkify('siehe https://a.de/b.html).', [])).to.equal(
      'siehe <a href="https://a.de/b.html">https://a.de/b.html</a>).',
    );
    const muster = 'SV-{wahlperiode}-{laufnummer}';
    expect(linkify('TOP 1 (SV-9-1600)', ['SV-9-1600'], muster)).to.equal(
      'TOP 1 (<a href="#vorlage-SV-9-1600">SV-9-1600</a>)',
    );
    expect(linkify('TOP 1 (SV-9-1600)', [], muster)).to.equal('TOP 1 (SV-9-1600)');
    // the body's own pattern; the anchor is the folder name
    expect(linkify('siehe V/2024/0815.', ['V/2024/0815'], 'V/{jahr}/{laufnummer:4}')).to.equal(
      'siehe <a href="#vorlage-V-2024-0815">V/2024/0815</a>.',
    );
    // without a pattern only web addresses are links
    expect(linkify('TOP 1 (SV-9-1600)', ['SV-9-1600'])).to.equal('TOP 1 (SV-9-1600)');
  });
});
