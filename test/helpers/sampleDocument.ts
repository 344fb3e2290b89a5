import type { Block, Document, Inline } from '../../src/model/types.js';

const t = (text: string): Inline => ({ type: 'text', text });
const p = (...children: Inline[]): Block => ({ type: 'paragraph', children });
const cell = (text: string, align: 'left' | 'right' = 'left') => ({ children: [t(text)], align });

/**
 * A small document that uses every block and inline kind of the model; its tables have three and
 * more body rows and its lists are nested, so that a renderer that loses a row or an item fails.
 */
export const sampleDocument: Document = {
  meta: {
    title: 'SV-9-1601 Bericht der Verwaltung & Co',
    author: 'Kreis Coesfeld – Kommunales Integrationszentrum',
    subject: 'Mitteilungsvorlage SV-9-1601',
    keywords: ['Integrationsausschuss', 'SV-9-1601'],
    language: 'de-DE',
    footer: 'Kreis Coesfeld · SV-9-1601',
    date: '2020-01-22',
  },
  blocks: [
    {
      type: 'table',
      variant: 'fields',
      header: null,
      rows: [
        [cell('Vorlagenart'), cell('Mitteilungsvorlage')],
        [cell('Datum'), cell('22.01.2020')],
      ],
    },
    { type: 'heading', level: 1, children: [t('Bericht der Verwaltung')], id: 'betreff' },
    {
      type: 'table',
      variant: 'data',
      header: [cell('Gremium'), cell('Datum'), cell('Zuständigkeit')],
      rows: [
        [cell('Integrationsausschuss'), cell('04.02.2020'), cell('Kenntnisnahme')],
        [cell('Kreisausschuss'), cell('11.02.2020'), cell('Vorberatung')],
        [cell('Kreistag'), cell('18.03.2020'), cell('Entscheidung')],
      ],
    },
    { type: 'heading', level: 2, children: [t('Beschlussvorschlag')] },
    { type: 'box', children: [p(t('Der Bericht der Verwaltung wird zur Kenntnis genommen.'))] },
    { type: 'heading', level: 2, children: [t('Begründung')], id: 'begruendung' },
    p(
      t('Schüler*innen und '),
      { type: 'strong', children: [t('fett')] },
      t(' und '),
      { type: 'emphasis', children: [t('kursiv')] },
      t(', siehe '),
      {
        type: 'link',
        href: 'https://integration.kreis-coesfeld.de/',
        children: [t('https://integration.kreis-coesfeld.de/')],
      },
      { type: 'break' },
      t('zweite Zeile <&> {{x}}'),
    ),
    { type: 'heading', level: 3, children: [t('Sprachmittlerpool')], id: 'sprachmittlerpool' },
    {
      type: 'table',
      variant: 'grid',
      header: null,
      rows: [
        [cell('Albanisch'), cell('Amharisch'), cell('Arabisch'), cell('Armenisch')],
        [cell('Dari'), cell('Englisch'), cell('Farsi'), cell('Französisch')],
        [cell('Tigrinya'), cell('Türkisch'), cell('Ungarisch'), cell('')],
      ],
    },
    { type: 'heading', level: 4, children: [t('Bereich „Bildung“')] },
    { type: 'quote', children: [p(t('„Individuelle Unterstützung der Schüler*innen.“'))] },
    {
      type: 'list',
      ordered: false,
      items: [
        [p(t('erster Punkt'))],
        [
          p(t('zweiter Punkt')),
          {
            type: 'list',
            ordered: false,
            items: [[p(t('Unterpunkt a'))], [p(t('Unterpunkt b'))], [p(t('Unterpunkt c'))]],
          },
        ],
        [p(t('dritter Punkt'))],
      ],
    },
    {
      type: 'list',
      ordered: true,
      items: [
        [p(t('eins'))],
        [
          p(t('zwei')),
          { type: 'list', ordered: true, items: [[p(t('zwei.eins'))], [p(t('zwei.zwei'))]] },
        ],
        [p(t('drei'))],
      ],
    },
    { type: 'list', ordered: true, items: [[p(t('neu eins'))]] },
    {
      type: 'table',
      variant: 'data',
      header: [cell('Jahr'), cell('Betrag', 'right')],
      rows: [
        [cell('2018'), cell('120.500,00 €', 'right')],
        [cell('2019'), cell('350.000,00 €', 'right')],
        [cell('2020'), cell('626.377,32 €', 'right')],
        [cell('Summe'), cell('1.096.877,32 €', 'right')],
      ],
    },
    { type: 'pagebreak' },
    p(t('Nach dem Seitenumbruch.')),
  ],
};
