/** Handlebars' and the HTML parser's English, in German. */
export function germanDetail(message: string): string {
  const rules: [RegExp, (m: RegExpExecArray) => string][] = [
    [
      /^Cannot read properties of (?:undefined|null)/,
      () =>
        'Ein Wert, den das Template hier verwendet, fehlt in den Daten (etwa ein Feld, das nicht jeder Abschnitt hat).',
    ],
    [/^Missing helper: "(.+)"$/, (m) => `Die Hilfsfunktion „${m[1] ?? ''}“ gibt es nicht.`],
    [/^The partial (.+) could not be found$/, (m) => `Den Baustein „${m[1] ?? ''}“ gibt es nicht.`],
    [/^Tag <(.+)> is not in the HTML subset$/, (m) => `<${m[1] ?? ''}> gehört nicht dazu.`],
    [/^Text outside a block: "(.*)"$/, (m) => `Der Text „${m[1] ?? ''}“ steht in keinem Absatz.`],
    [
      /^Block <(.+)> inside inline content$/,
      (m) => `<${m[1] ?? ''}> steht mitten im Text eines Absatzes, Listenpunkts oder einer Zelle.`,
    ],
    [/^Inline <li> outside a block$/, () => '<li> steht außerhalb einer Liste <ul> oder <ol>.'],
    [/^Inline <(.+)> outside a block$/, (m) => `<${m[1] ?? ''}> steht außerhalb eines Absatzes.`],
    [
      /^<(.+)> where <tr> was expected$/,
      (m) => `<${m[1] ?? ''}> steht, wo eine Tabellenzeile <tr> stehen muss.`,
    ],
    [
      /^<(.+)> directly inside <table>$/,
      (m) => `<${m[1] ?? ''}> steht direkt in <table>, nicht in <thead> oder <tbody>.`,
    ],
    [
      /^<(.+)> inside a list$/,
      (m) => `<${m[1] ?? ''}> steht in einer Liste, wo nur <li> stehen darf.`,
    ],
    [
      /^class="(.+)" is not allowed on <(.+)>$/,
      (m) => `Die Klasse „${m[1] ?? ''}“ ist an <${m[2] ?? ''}> nicht erlaubt.`,
    ],
    [
      /^Attribute (.+) is not allowed on <(.+)>$/,
      (m) => `Das Attribut „${m[1] ?? ''}“ ist an <${m[2] ?? ''}> nicht erlaubt.`,
    ],
  ];
  for (const [pattern, german] of rules) {
    const m = pattern.exec(message);
    if (m) return german(m);
  }
  return `${message.replace(/\.$/, '')}.`;
}
