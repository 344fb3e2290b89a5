import type { Diagnostic, Position, Severity } from './diagnostic.js';

/**
 * The catalogue of permanent diagnostic codes. A code never changes its meaning; new faults get
 * new codes. Messages and hints are German, for clerks; `{name}` is replaced by a parameter.
 * docs/fehlercodes.md lists them for clerks and test/catalogue.test.ts keeps both in step.
 */
export interface CatalogueEntry {
  readonly severity: Severity;
  /** short English name for developers */
  readonly name: string;
  readonly message: string;
  readonly hint: string;
}

export const catalogue = {
  // Files and YAML syntax
  RM101: {
    severity: 'fehler',
    name: 'yaml-syntax',
    message: 'Die Datei ist kein gültiges YAML: {detail}.',
    hint: '{tipp}',
  },
  RM102: {
    severity: 'fehler',
    name: 'tab-indent',
    message: 'Die Zeile ist mit einem Tabulator eingerückt; YAML erlaubt nur Leerzeichen.',
    hint: 'Ersetzen Sie den Tabulator durch Leerzeichen (zwei je Ebene).',
  },
  RM103: {
    severity: 'fehler',
    name: 'duplicate-key',
    message: 'Das Feld „{key}“ steht auf derselben Ebene zweimal.',
    hint: 'Löschen Sie eine der beiden Zeilen oder benennen Sie sie um; jedes Feld darf nur einmal vorkommen.',
  },
  RM104: {
    severity: 'fehler',
    name: 'empty-file',
    message: 'Die Datei ist leer oder enthält nur Kommentare.',
    hint: 'Füllen Sie die Datei aus, z. B. mit {fields}, oder {remove}.',
  },
  RM105: {
    severity: 'fehler',
    name: 'not-utf8',
    message: 'Die Datei ist nicht in UTF-8 gespeichert; Umlaute wie „ä“ würden falsch gelesen.',
    hint: 'Speichern Sie die Datei im Editor mit der Kodierung „UTF-8“.',
  },
  RM106: {
    severity: 'fehler',
    name: 'file-too-large',
    message: 'Die Datei ist mit {size} zu groß (höchstens {limit}).',
    hint: 'Teilen Sie den Inhalt auf mehrere Abschnittsdateien auf.',
  },
  RM107: {
    severity: 'fehler',
    name: 'alias-limit',
    message: 'Die Datei verwendet zu viele YAML-Verweise (Anker und Aliasse).',
    hint: 'Schreiben Sie die Werte aus, statt mit „&“ und „*“ auf andere Stellen zu verweisen.',
  },
  RM108: {
    severity: 'fehler',
    name: 'forbidden-key',
    message: 'Der Feldname „{key}“ ist nicht erlaubt.',
    hint: 'Verwenden Sie nur die Feldnamen aus der Beschreibung des Inhaltsformats.',
  },
  RM109: {
    severity: 'fehler',
    name: 'multiple-documents',
    message: 'Die Datei enthält mehrere YAML-Dokumente (Trennlinie „---“).',
    hint: 'Entfernen Sie die Zeile „---“ oder verteilen Sie die Inhalte auf mehrere Dateien.',
  },
  RM110: {
    severity: 'fehler',
    name: 'unexpected',
    message: 'Die Datei konnte wegen eines unerwarteten Problems nicht geprüft werden.',
    hint: 'Melden Sie diesen Fall mit der Datei an das ratsmappe-Team; die übrigen Dateien wurden geprüft.',
  },
  RM111: {
    severity: 'fehler',
    name: 'not-a-map',
    message: 'Die Datei muss aus Feldern der Form „name: wert“ bestehen.',
    hint: 'Beginnen Sie die Datei z. B. mit {first} in der ersten Zeile, ohne Einrückung.',
  },
  RM112: {
    severity: 'fehler',
    name: 'complex-key',
    message:
      'An dieser Stelle steht kein einfacher Feldname, sondern eine Gruppe in geschweiften oder eckigen Klammern.',
    hint: 'Klammern haben in YAML eine besondere Bedeutung; setzen Sie Text mit „{“ oder „[“ in Anführungszeichen, z. B. titel: "{{Platzhalter}}".',
  },
  RM113: {
    severity: 'fehler',
    name: 'meeting-twice',
    message:
      'Die Datei beschreibt dieselbe Sitzung „{id}“ wie {other}; die eine Sitzungsmappe würde die andere überschreiben.',
    hint: 'Behalten Sie nur eine der beiden Dateien, z. B. {other}, übernehmen Sie Änderungen dorthin und löschen Sie diese.',
  },
  RM114: {
    severity: 'fehler',
    name: 'not-a-file',
    message: '„{name}“ ist {what}, {expected}.',
    hint: '{tipp}',
  },
  RM115: {
    severity: 'fehler',
    name: 'nesting-too-deep',
    message: 'Die Datei ist zu tief verschachtelt (mehr als {limit} Ebenen).',
    hint: 'Vermutlich fehlt eine schließende Klammer („]“ oder „}“) oder Zeilen sind immer weiter eingerückt; ein Inhalt braucht selten mehr als zehn Ebenen, z. B. tagesordnung › unterpunkte › titel.',
  },
  // German habits that YAML reads differently
  RM201: {
    severity: 'fehler',
    name: 'german-grouping',
    message:
      '{raw} wurde als {read} gelesen: Der Punkt ist in YAML ein Dezimalpunkt, kein Tausenderpunkt.',
    hint: 'Schreiben Sie die Zahl ohne Tausenderpunkt: {fix}.',
  },
  RM202: {
    severity: 'fehler',
    name: 'german-amount',
    message: '„{raw}“ ist ein Text, hier wird ein Betrag als Zahl erwartet.',
    hint: 'Schreiben Sie den Betrag ohne Tausenderpunkt und Euro-Zeichen, mit Dezimalpunkt: {fix}.',
  },
  RM203: {
    severity: 'fehler',
    name: 'german-date',
    message: '„{raw}“ ist ein deutsches Datum, hier wird ein Datum im ISO-Format erwartet.',
    hint: 'Schreiben Sie Jahr-Monat-Tag: {fix}.',
  },
  RM204: {
    severity: 'fehler',
    name: 'leading-zero',
    message: '{raw} beginnt mit einer Null und würde als {read} gelesen.',
    hint: 'Soll es eine Zahl sein, schreiben Sie {read}; soll es ein Text bleiben (z. B. eine Postleitzahl), setzen Sie ihn in Anführungszeichen: "{raw}".',
  },
  RM205: {
    severity: 'fehler',
    name: 'german-decimal',
    message: '„{raw}“ ist ein Text, hier wird eine Zahl erwartet.',
    hint: 'Schreiben Sie die Zahl mit Dezimalpunkt statt Komma: {fix}.',
  },
  RM206: {
    severity: 'fehler',
    name: 'number-notation',
    message: '{raw} ist in YAML eine Zahl in {notation} und würde als {read} gelesen.',
    hint: 'Schreiben Sie die Zahl in gewöhnlichen Ziffern: {fix}; soll es ein Text bleiben, setzen Sie ihn in Anführungszeichen: "{raw}".',
  },
  // Schema
  RM301: {
    severity: 'fehler',
    name: 'missing-field',
    message: 'Das Feld „{field}“ fehlt{where}.',
    hint: 'Ergänzen Sie eine Zeile „{field}: …“. {description}',
  },
  RM302: {
    severity: 'fehler',
    name: 'unknown-field',
    message: 'Das Feld „{field}“ ist hier nicht vorgesehen.{suggestion}',
    hint: 'Erlaubt sind hier: {allowed}.',
  },
  RM303: {
    severity: 'fehler',
    name: 'wrong-type',
    message: 'Bei „{field}“ wird {expected} erwartet, hier steht {actual}.',
    hint: '{description}',
  },
  RM304: {
    severity: 'fehler',
    name: 'not-allowed',
    message: '„{value}“ ist bei „{field}“ nicht möglich.',
    hint: 'Möglich sind: {allowed}.',
  },
  RM305: {
    severity: 'fehler',
    name: 'wrong-format',
    message: '„{value}“ hat bei „{field}“ nicht die erwartete Form.',
    hint: '{description}',
  },
  RM306: {
    severity: 'fehler',
    name: 'out-of-range',
    message: '{value} liegt bei „{field}“ außerhalb des erlaubten Bereichs ({range}).',
    hint: '{description}',
  },
  RM307: {
    severity: 'fehler',
    name: 'too-many-decimals',
    message: 'Der Betrag {value} hat mehr als zwei Nachkommastellen.',
    hint: 'Runden Sie auf ganze Cent, z. B. 976377.32.',
  },
  RM308: {
    severity: 'fehler',
    name: 'too-few-items',
    message: 'Bei „{field}“ steht zu wenig: erwartet wird mindestens {min}.',
    hint: '{description}',
  },
  RM309: {
    severity: 'fehler',
    name: 'duplicate-item',
    message: '„{value}“ steht bei „{field}“ mehrfach.',
    hint: 'Jeder Eintrag darf nur einmal vorkommen; löschen Sie die Wiederholung.',
  },
  RM310: {
    severity: 'fehler',
    name: 'unknown-section-kind',
    message: 'Die Abschnittsart „{value}“ gibt es nicht.',
    hint: 'Möglich sind: {allowed}. Für freien Text schreiben Sie „art: text“.',
  },
  RM311: {
    severity: 'fehler',
    name: 'content-or-none',
    message:
      'Ein Textabschnitt braucht entweder „inhalt“ oder „kein_beitrag: true“, nicht beides und nicht keins.',
    hint: 'Schreiben Sie den Text unter „inhalt:“ oder, wenn kein Beitrag vorliegt, „kein_beitrag: true“.',
  },
  RM312: {
    severity: 'fehler',
    name: 'changes-missing',
    message: 'Ab Version 2 muss die Vorlage sagen, was sich geändert hat.',
    hint: 'Ergänzen Sie „aenderungen:“ mit einer Liste, z. B. „- Die Aufteilung 2020 wurde angepasst.“',
  },
  RM313: {
    severity: 'fehler',
    name: 'empty-value',
    message: 'Bei „{field}“ steht nichts.',
    hint: '{description}',
  },
  RM314: {
    severity: 'fehler',
    name: 'table-row-too-long',
    message:
      'Die Zeile Nr. {row} der Tabelle hat {cells}, die Kopfzeile aber nur {columns}; die überzähligen Zellen hätten keine Überschrift.',
    hint: 'Ergänzen Sie in „kopf“ die fehlende Überschrift oder entfernen Sie die überzählige Zelle; jede Zeile hat so viele Zellen wie der Kopf, z. B. kopf: [Kommune, Anfragen] und zeilen: [[Coesfeld, "468"]].',
  },
  RM315: {
    severity: 'fehler',
    name: 'no-such-date',
    message: 'Den {what} {value} gibt es nicht: {reason}.',
    hint: 'Schreiben Sie einen {what}, den es gibt, z. B. {fix}.',
  },
  // Figures that must agree
  RM401: {
    severity: 'fehler',
    name: 'split-sum',
    message:
      'Die Jahre der Aufteilung ergeben {sum}, die Zuweisung beträgt aber {total} (Differenz {diff}).',
    hint: 'Passen Sie die Beträge der Jahre oder den Betrag der Zuweisung an, bis beide übereinstimmen.',
  },
  RM402: {
    severity: 'fehler',
    name: 'year-outside-period',
    message: 'Das Jahr {year} liegt außerhalb des Verwendungszeitraums ({von} bis {bis}).',
    hint: 'Verwenden Sie nur Jahre von {vonJahr} bis {bisJahr} oder passen Sie den Verwendungszeitraum an.',
  },
  RM403: {
    severity: 'fehler',
    name: 'stock-sum',
    message:
      'Der Bestand zum {stichtag} ergibt {sum}, der Verlauf nennt zu diesem Tag aber {expected}.',
    hint: 'Prüfen Sie Inobhutnahme, Hilfen zur Erziehung und junge Volljährige oder den Eintrag im Verlauf.',
  },
  RM404: {
    severity: 'fehler',
    name: 'stock-date-missing',
    message: 'Der Verlauf hat keinen Eintrag zum Stichtag {stichtag} des Bestands.',
    hint: 'Ergänzen Sie im Verlauf „- stand: {iso}“ mit der Gesamtzahl unter „anzahl:“.',
  },
  RM405: {
    severity: 'fehler',
    name: 'language-not-listed',
    message: 'Die Sprache „{value}“ steht nicht unter „sprachen“.',
    hint: 'Schreiben Sie sie genau wie in der Liste der Sprachen{suggestion} oder ergänzen Sie sie dort.',
  },
  RM406: {
    severity: 'fehler',
    name: 'language-twice',
    message: 'Die Sprache „{value}“ steht bei den meistgefragten Sprachen mehrfach.',
    hint: 'Führen Sie jede Sprache nur einmal auf.',
  },
  RM407: {
    severity: 'fehler',
    name: 'not-descending',
    message: '„{value}“ ({count}) steht vor einer Sprache mit mehr Anfragen ({next}).',
    hint: 'Ordnen Sie die meistgefragten Sprachen absteigend nach Anzahl.',
  },
  RM408: {
    severity: 'fehler',
    name: 'not-ascending',
    message: 'Der Stand {value} liegt nicht nach dem vorigen Eintrag ({previous}).',
    hint: 'Ordnen Sie den Verlauf aufsteigend nach Datum.',
  },
  RM409: {
    severity: 'fehler',
    name: 'from-after-to',
    message: '„von“ ({von}) liegt nach „bis“ ({bis}).',
    hint: 'Tauschen Sie die beiden Angaben oder korrigieren Sie eine davon.',
  },
  RM410: {
    severity: 'fehler',
    name: 'share-over-one',
    message: 'Der Anteil {value} ist größer als das Ganze.',
    hint: 'Ein Anteil wie „2/3“ muss einen kleineren Zähler als Nenner haben.',
  },
  RM411: {
    severity: 'fehler',
    name: 'year-twice',
    message: 'Das Jahr {year} steht in der Aufteilung mehrfach.',
    hint: 'Führen Sie jedes Haushaltsjahr einmal auf, mit der Summe seiner Beträge („- jahr: {year}“ mit „betrag: …“), oder korrigieren Sie die Jahreszahl, wenn ein anderes Jahr gemeint ist.',
  },
  // References across files
  RM501: {
    severity: 'fehler',
    name: 'unknown-vorlage',
    message: 'Die Vorlage {value} gibt es nicht.',
    hint: 'Legen Sie den Ordner content/vorlagen/{folder}/ mit einer vorlage.yaml an oder korrigieren Sie die Nummer{suggestion}.',
  },
  RM502: {
    severity: 'fehler',
    name: 'number-folder-mismatch',
    message: 'Die Nummer {value} passt nicht zum Ordner {folder}.',
    hint: '{tipp}',
  },
  RM503: {
    severity: 'fehler',
    name: 'meeting-not-in-sequence',
    message:
      'Die Vorlage {value} steht auf der Tagesordnung, ihre Beratungsfolge nennt diese Sitzung ({gremium}, {datum}) aber nicht.',
    hint: 'Ergänzen Sie in {file} unter „beratungsfolge:“ „- gremium: {gremium}“ mit „datum: {iso}“.',
  },
  RM504: {
    severity: 'fehler',
    name: 'section-file-missing',
    message: 'Die Abschnittsdatei „{value}“ gibt es im Ordner der Vorlage nicht.',
    hint: 'Legen Sie die Datei an oder korrigieren Sie den Namen{suggestion}.',
  },
  RM505: {
    severity: 'fehler',
    name: 'section-file-unlisted',
    message:
      'Die Datei „{value}“ liegt im Ordner der Vorlage, steht aber nicht unter „abschnitte“ in vorlage.yaml.',
    hint: 'Tragen Sie „{value}“ unter „abschnitte“ ein oder löschen Sie die Datei.',
  },
  RM506: {
    severity: 'fehler',
    name: 'unknown-vorlage-in-text',
    message: 'Der Text nennt die Vorlage {value}, die es nicht gibt.',
    hint: 'Prüfen Sie die Nummer.{suggestion}',
  },
  RM507: {
    severity: 'fehler',
    name: 'section-listed-twice',
    message: 'Die Abschnittsdatei „{value}“ steht mehrfach unter „abschnitte“.',
    hint: 'Führen Sie jede Datei nur einmal auf.',
  },
  RM508: {
    severity: 'fehler',
    name: 'path-outside',
    message: '„{value}“ zeigt aus dem Ordner der Vorlage hinaus.',
    hint: 'Nennen Sie nur Dateinamen im selben Ordner, z. B. „binogi.yaml“, ohne „/“ oder „..“.',
  },
  RM509: {
    severity: 'fehler',
    name: 'no-meeting',
    message: 'Im Ordner sitzungen/ liegt keine Sitzung.',
    hint: 'Legen Sie eine Datei wie sitzungen/2020-02-04-integrationsausschuss.yaml an.',
  },
  RM510: {
    severity: 'warnung',
    name: 'vorlage-not-on-agenda',
    message: 'Die Vorlage {value} steht auf keiner Tagesordnung.',
    hint: 'Nehmen Sie sie in die Tagesordnung einer Sitzung auf, sonst erscheint sie in keiner Sitzungsmappe.',
  },
  RM511: {
    severity: 'fehler',
    name: 'vorlage-twice-on-agenda',
    message: 'Die Vorlage {value} steht mehrfach auf der Tagesordnung.',
    hint: 'Jede Vorlage wird unter einem Tagesordnungspunkt beraten; entfernen Sie die Wiederholung.',
  },
  RM512: {
    severity: 'fehler',
    name: 'vorlage-header-missing',
    message: 'Im Ordner {folder} fehlt die Datei vorlage.yaml.',
    hint: 'Legen Sie vorlagen/{folder}/vorlage.yaml mit nummer, art, betreff usw. an oder löschen Sie den Ordner.',
  },
  RM513: {
    severity: 'fehler',
    name: 'non-public-vorlage-in-public-part',
    message:
      'Die Vorlage {value} ist nichtöffentlich, steht aber im öffentlichen Teil der Tagesordnung.',
    hint: 'Setzen Sie beim Tagesordnungspunkt „oeffentlich: false“ oder, wenn die Vorlage öffentlich sein darf, in ihrer vorlage.yaml „oeffentlich: true“.',
  },
  RM514: {
    severity: 'warnung',
    name: 'public-vorlage-in-non-public-part',
    message:
      'Die Vorlage {value} ist öffentlich, steht aber im nichtöffentlichen Teil der Tagesordnung; in dieser Sitzung wird sie als nichtöffentlich behandelt und nicht veröffentlicht.',
    hint: 'Soll sie öffentlich beraten werden, nehmen Sie „oeffentlich: false“ beim Tagesordnungspunkt{parent} heraus; ist sie vertraulich, setzen Sie in {file} „oeffentlich: false“.',
  },
  // Printing
  RM601: {
    severity: 'warnung',
    name: 'unprintable-characters',
    message:
      'Diese Zeichen enthält die Schrift {fonts} nicht: {characters}. Im PDF stünden dort leere Kästchen.',
    hint: 'Schreiben Sie den Text in lateinischer Umschrift, z. B. „Tigrinya“ statt „ትግርኛ“. In der DOCX-Datei zeigen Word und LibreOffice die Zeichen mit einer Ersatzschrift.',
  },
  // Anlagen (files named under `anlagen` in vorlage.yaml)
  RM701: {
    severity: 'fehler',
    name: 'anlage-missing',
    message: 'Die Anlage „{value}“ gibt es im Ordner der Vorlage nicht.',
    hint: 'Legen Sie die Datei in vorlagen/{folder}/ ab oder korrigieren Sie den Namen{suggestion}. Eine Anlage, die nur genannt wird, schreiben Sie ohne „datei“, z. B. „- Lageplan (liegt in Papierform vor)“.',
  },
  RM702: {
    severity: 'fehler',
    name: 'anlage-wrong-kind',
    message:
      'Die Anlage „{value}“ ist nach ihrem Namen eine {expected}-Datei, ihr Inhalt ist aber {actual}.',
    hint: '{tipp}',
  },
  RM703: {
    severity: 'fehler',
    name: 'anlage-broken',
    message:
      'Die Anlage „{value}“ lässt sich nicht lesen; die Datei ist beschädigt oder unvollständig.',
    hint: 'Öffnen Sie die Datei und speichern Sie sie neu (bei einem PDF z. B. über „Drucken“ → „Als PDF speichern“), oder holen Sie sie noch einmal aus der Quelle.',
  },
  RM704: {
    severity: 'fehler',
    name: 'anlage-encrypted',
    message:
      'Die Anlage „{value}“ ist verschlüsselt (Kennwort oder Rechteschutz); ihre Seiten können nicht übernommen werden.',
    hint: 'Speichern Sie das PDF ohne Schutz neu: im PDF-Programm unter „Eigenschaften“ → „Sicherheit“ „Keine Sicherheit“ wählen, oder über „Drucken“ → „Als PDF speichern“.',
  },
  RM705: {
    severity: 'fehler',
    name: 'anlage-too-large',
    message: 'Die Anlage „{value}“ ist mit {size} zu groß (höchstens {limit} je Anlage).',
    hint: 'Verkleinern Sie die Datei (Bilder mit geringerer Auflösung, z. B. 150 dpi, oder ein PDF „für das Web optimiert“ speichern) oder teilen Sie sie auf mehrere Anlagen auf.',
  },
  RM706: {
    severity: 'warnung',
    name: 'anlage-active-content',
    message: 'Die Anlage „{value}“ enthält {found}; das wird nicht übernommen, nur ihre Seiten.',
    hint: 'Formularfelder werden mit ihrem sichtbaren Inhalt auf die Seite gedruckt. Soll die Warnung verschwinden, speichern Sie die Datei ohne diese Inhalte neu, z. B. über „Drucken“ → „Als PDF speichern“.',
  },
  RM707: {
    severity: 'warnung',
    name: 'anlage-not-pdfa',
    message:
      'Die Anlage „{value}“ ist kein PDF/A-2b: {reason}. Die PDF-Dateien, die sie enthalten, werden deshalb nicht als PDF/A gekennzeichnet.',
    hint: 'Für die Archivierung speichern Sie die Anlage als PDF/A, z. B. in Word oder LibreOffice unter „Exportieren als PDF“ mit „PDF/A-2b“.',
  },
  RM708: {
    severity: 'fehler',
    name: 'anlage-not-a-file',
    message: 'Die Anlage „{value}“ ist {what}, keine gewöhnliche Datei.',
    hint: 'Legen Sie die Datei selbst in den Ordner der Vorlage, keine Verknüpfung auf eine Datei anderswo.',
  },
  RM709: {
    severity: 'fehler',
    name: 'anlage-jpeg-unshowable',
    message:
      'Die Anlage „{value}“ ist ein JPEG-Bild, {was}; so lässt es sich im PDF (PDF/A mit sRGB-Farben) nicht farbrichtig wiedergeben.',
    hint: 'Speichern Sie das Bild im Bildprogramm als JPEG in RGB (sRGB, 8 Bit), z. B. in GIMP über „Bild“ → „Modus“ → „RGB“ und „Exportieren als“, oder als PDF, und geben Sie diese Datei bei „datei“ an.',
  },
  // The body's settings: koerperschaft.yaml
  RM801: {
    severity: 'fehler',
    name: 'koerperschaft-missing',
    message:
      'Im Inhaltsordner fehlt die Datei koerperschaft.yaml mit Name, Anschrift, Nummernschema und Gremien der Körperschaft.',
    hint: 'Legen Sie koerperschaft.yaml an, z. B. mit „name: Stadt Musterstadt“, „anschrift: [Markt 1, 12345 Musterstadt]“, „vorlagennummer: V/{jahr}/{laufnummer:4}“ und „gremien: [{name: Rat der Stadt}]“.',
  },
  RM802: {
    severity: 'fehler',
    name: 'number-pattern-invalid',
    message: 'Das Nummernschema „{value}“ lässt sich nicht verwenden: {detail}.',
    hint: 'Schreiben Sie das Muster mit den Platzhaltern {wahlperiode}, {jahr} und {laufnummer}, z. B. „vorlagennummer: V/{jahr}/{laufnummer:4}“ oder „vorlagennummer: DS {wahlperiode}/{laufnummer}“.',
  },
  RM803: {
    severity: 'fehler',
    name: 'number-not-in-scheme',
    message:
      'Die Nummer „{value}“ passt nicht zum Nummernschema {pattern} der Körperschaft (koerperschaft.yaml).',
    hint: 'Schreiben Sie die Nummer nach diesem Schema, z. B. {example}.',
  },
  RM804: {
    severity: 'fehler',
    name: 'number-wahlperiode-mismatch',
    message:
      'Die Vorlage {value} gehört nach ihrer Nummer zur {fromNumber}. Wahlperiode, die Sitzung ist aber in der {wahlperiode}. Wahlperiode.',
    hint: 'Korrigieren Sie die Nummer (z. B. {example}) oder die Wahlperiode der Sitzung.',
  },
  RM805: {
    severity: 'fehler',
    name: 'number-year-implausible',
    message: 'Das Jahr {year} in der Nummer {value} passt nicht zum Datum der Vorlage ({datum}).',
    hint: 'Eine Vorlage trägt das Jahr, in dem sie erstellt wird, z. B. {example}; prüfen Sie Nummer und Datum.',
  },
  RM806: {
    severity: 'fehler',
    name: 'unknown-gremium',
    message: 'Das Gremium „{value}“ steht nicht unter „gremien“ in koerperschaft.yaml.{suggestion}',
    hint: 'Schreiben Sie den Namen genau wie dort ({allowed}) oder ergänzen Sie das Gremium in koerperschaft.yaml.',
  },
  RM807: {
    severity: 'fehler',
    name: 'koerperschaft-name-mismatch',
    message: '„{value}“ ist nicht der Name der Körperschaft aus koerperschaft.yaml („{name}“).',
    hint: 'Schreiben Sie „koerperschaft: {name}“.',
  },
  RM808: {
    severity: 'fehler',
    name: 'settings-file-missing',
    message: 'Die Datei „{value}“ ({what}) gibt es im Inhaltsordner nicht.',
    hint: 'Legen Sie die Datei an diese Stelle oder korrigieren Sie den Pfad; er gilt vom Inhaltsordner aus, z. B. „{example}“.',
  },
  RM809: {
    severity: 'fehler',
    name: 'settings-file-wrong-kind',
    message: 'Die Datei „{value}“ ist {expected}: {detail}.',
    hint: '{tipp}',
  },
  RM810: {
    severity: 'fehler',
    name: 'settings-file-too-large',
    message: 'Die Datei „{value}“ ({what}) ist mit {size} zu groß (höchstens {limit}).',
    hint: '{tipp}',
  },
  RM811: {
    severity: 'fehler',
    name: 'settings-path-outside',
    message: '„{value}“ ist kein Pfad im Inhaltsordner.',
    hint: 'Nennen Sie den Pfad vom Inhaltsordner aus, mit „/“ zwischen Ordnern und ohne „..“, z. B. „{example}“.',
  },
  RM812: {
    severity: 'fehler',
    name: 'gremium-twice',
    message: 'Das Gremium „{value}“ steht unter „gremien“ mehrfach.',
    hint: 'Führen Sie jedes Gremium nur einmal auf.',
  },
  // Pictures (bild text blocks)
  RM621: {
    severity: 'fehler',
    name: 'image-missing',
    message: 'Das Bild „{datei}“ liegt nicht im Ordner der Vorlage ({ordner}).',
    hint: 'Legen Sie die Datei in den Ordner {ordner}/ oder korrigieren Sie den Namen (Groß- und Kleinschreibung zählen). {vorhanden}',
  },
  RM622: {
    severity: 'fehler',
    name: 'image-wrong-type',
    message: 'Die Datei „{datei}“ ist dem Namen nach ein {erwartet}-Bild, enthält aber {gefunden}.',
    hint: 'Speichern Sie das Bild im Bildprogramm als PNG, JPEG oder SVG und geben Sie der Datei die passende Endung, z. B. lageplan.png.',
  },
  RM623: {
    severity: 'fehler',
    name: 'image-too-large',
    message: 'Das Bild „{datei}“ ist mit {size} zu groß (höchstens {limit}).',
    hint: 'Verkleinern Sie das Bild, z. B. auf 2000 Pixel Breite, oder speichern Sie ein Foto als JPEG.',
  },
  RM624: {
    severity: 'fehler',
    name: 'svg-not-archivable',
    message:
      'Das SVG-Bild „{datei}“ enthält {was}; das lässt sich im PDF (PDF/A, ohne Transparenz) nicht sicher wiedergeben.',
    hint: 'Speichern Sie die Grafik ohne Transparenz, Skripte, Verweise und eingebettete Bilder, oder als PNG.',
  },
  RM625: {
    severity: 'fehler',
    name: 'jpeg-unshowable',
    message:
      'Das JPEG-Bild „{datei}“ ist {was}; so lässt es sich im PDF (PDF/A mit sRGB-Farben) und in Word nicht farbrichtig wiedergeben.',
    hint: 'Speichern Sie das Bild im Bildprogramm als JPEG in RGB (sRGB, 8 Bit), z. B. in GIMP über „Bild“ → „Modus“ → „RGB“ und „Exportieren als“, oder als PNG.',
  },
  // Own templates (content/templates/) and own section kinds (content/abschnittsarten/)
  RM901: {
    severity: 'fehler',
    name: 'template-syntax',
    message: 'Das Template ist kein gültiges Handlebars: {detail}',
    hint: 'Schließen Sie jeden Block mit dem passenden Ende („{{#if …}}“ mit „{{/if}}“, „{{#each …}}“ mit „{{/each}}“) und jede „{{“ mit „}}“.',
  },
  RM902: {
    severity: 'fehler',
    name: 'template-unknown-helper',
    message: 'Das Template verwendet die Hilfsfunktion „{name}“, die es nicht gibt.',
    hint: '{suggestion}Vorhanden sind: {allowed}.',
  },
  RM903: {
    severity: 'fehler',
    name: 'template-unknown-partial',
    message: 'Das Template bindet den Baustein „{name}“ ein, den es nicht gibt.',
    hint: '{suggestion}Vorhanden sind: {allowed}. Einen eigenen Baustein legen Sie als templates/partials/{name}.hbs an.',
  },
  RM904: {
    severity: 'fehler',
    name: 'template-tag-outside-subset',
    message:
      'Das Template schreibt das HTML-Element <{tag}>, das ratsmappe nicht in PDF und DOCX umsetzen kann.',
    hint: 'Verwenden Sie nur diese Elemente: {allowed}.',
  },
  RM905: {
    severity: 'fehler',
    name: 'template-attribute-outside-subset',
    message: 'Das Template schreibt {what} an <{tag}>; das kann ratsmappe nicht umsetzen.',
    hint: '{allowed}',
  },
  RM906: {
    severity: 'fehler',
    name: 'template-unescaped-output',
    message:
      'Das Template gibt „{expression}“ ungeschützt aus; so könnte Text aus den YAML-Dateien als HTML gelesen werden.',
    hint: 'Schreiben Sie „{{{name}}}“ mit zwei Klammern (der Text wird wörtlich gedruckt) oder „{{text {name}}}“ (mit Links für Webadressen und Vorlagennummern).',
  },
  RM907: {
    severity: 'fehler',
    name: 'template-render-failed',
    message: 'Beim Erzeugen {what} scheiterte das Template: {detail}',
    hint: 'Prüfen Sie die genannte Zeile des Templates und die Felder, die es dort verwendet; die Dateien {where} zeigen, mit welchen Daten es aufgerufen wurde.',
  },
  RM908: {
    severity: 'fehler',
    name: 'template-html-outside-subset',
    message:
      'Beim Erzeugen {what} schrieb das Template HTML, das ratsmappe nicht umsetzen kann: {detail}',
    hint: 'Text steht in einem Absatz <p>…</p>, Listenpunkte <li> in <ul> oder <ol>, Zeilen <tr> in <thead> oder <tbody> einer <table>.',
  },
  RM909: {
    severity: 'warnung',
    name: 'template-replaces-nothing',
    message: 'Das Template „{path}“ ersetzt kein eingebautes Template und wird nicht verwendet.',
    hint: '{suggestion}Eingebaut sind: {allowed}. Neue Bausteine gehören nach templates/partials/, neue Abschnittsarten nach abschnittsarten/.',
  },
  RM910: {
    severity: 'fehler',
    name: 'kind-schema-not-json',
    message: 'Die Datei ist kein gültiges JSON: {detail}',
    hint: 'Namen und Texte stehen in doppelten Anführungszeichen („"titel"“), nach dem letzten Eintrag einer Liste oder Gruppe steht kein Komma.',
  },
  RM911: {
    severity: 'fehler',
    name: 'kind-schema-invalid',
    message: 'Die Datei ist kein gültiges JSON Schema: {detail}',
    hint: '{tipp}',
  },
  RM912: {
    severity: 'fehler',
    name: 'kind-name-builtin',
    message: 'Die Abschnittsart „{art}“ ist eingebaut und kann nicht neu festgelegt werden.',
    hint: 'Geben Sie der eigenen Art einen eigenen Namen, z. B. „{art}_{beispiel}“; das Aussehen der eingebauten Art ändern Sie mit templates/abschnitte/{art}.hbs.',
  },
  RM913: {
    severity: 'fehler',
    name: 'kind-template-missing',
    message: 'Zur Abschnittsart „{art}“ fehlt das Template abschnittsarten/{art}.hbs.',
    hint: 'Legen Sie abschnittsarten/{art}.hbs an, z. B. mit „<p>{{text {field}}}</p>“.',
  },
  RM914: {
    severity: 'fehler',
    name: 'kind-schema-missing',
    message:
      'Zum Template abschnittsarten/{art}.hbs fehlt das Schema abschnittsarten/{art}.schema.json.',
    hint: 'Legen Sie das Schema an; es beschreibt die Felder eines Abschnitts mit „art: {art}“.',
  },
  RM915: {
    severity: 'fehler',
    name: 'kind-schema-without-art-titel',
    message:
      'Das Schema beschreibt das Feld „{field}“ nicht; jeder Abschnitt hat „art“ und „titel“.',
    hint: 'Ergänzen Sie unter „properties“: {example}',
  },
  RM916: {
    severity: 'fehler',
    name: 'kind-name-invalid',
    message: '„{art}“ taugt nicht als Name einer Abschnittsart.',
    hint: 'Der Name besteht aus Kleinbuchstaben, Ziffern und „_“ und beginnt mit einem Buchstaben, z. B. „bauantrag“; Umlaute als ae, oe, ue.',
  },
} as const satisfies Record<string, CatalogueEntry>;

export type Code = keyof typeof catalogue;
export type Params = Readonly<Record<string, string | number>>;

const fill = (template: string, params: Params): string =>
  template.replace(/\{(\w+)\}/g, (whole, key: string) =>
    key in params ? String(params[key]) : whole,
  );

/** Builds a diagnostic from the catalogue. */
export function diagnose(
  code: Code,
  file: string,
  position: Position,
  params: Params = {},
  cause?: string,
): Diagnostic {
  const entry: CatalogueEntry = catalogue[code];
  const hint = fill(entry.hint, params).trim();
  return {
    file,
    ...position,
    severity: entry.severity,
    code,
    message: fill(entry.message, params),
    ...(hint ? { hint } : {}),
    ...(cause === undefined ? {} : { cause }),
  };
}
