/* eslint-disable */
// Generated from schemas/*.schema.json by scripts/generateTypes.ts. Do not edit.

/**
 * Ein nicht leerer Text. Er wird wörtlich gedruckt; Webadressen werden zu Links.
 */
export type Text = string;
/**
 * Der Pfad einer Datei im Inhaltsordner mit „/“ zwischen Ordnern, z. B. logo.svg oder schrift/Regular.ttf.
 */
export type Datei = string;
/**
 * Ein Datum im ISO-Format JJJJ-MM-TT, z. B. 2019-12-17.
 */
export type Datum = string;
/**
 * Die Nummer einer Vorlage nach dem Nummernschema unter „vorlagennummer“ in koerperschaft.yaml.
 */
export type Vorlagennummer = string;
/**
 * Eine Liste von Absätzen und Blöcken.
 *
 * @minItems 1
 */
export type Textbloecke = [Textblock, ...Textblock[]];
/**
 * Ein Absatz (einfacher Text) oder ein Block: liste, aufzaehlung, zitat, zwischenueberschrift, tabelle, bild oder diagramm.
 */
export type Textblock =
  | Text
  | {
      /**
       * Eine Liste mit Aufzählungspunkten.
       *
       * @minItems 1
       */
      liste: [Text, ...Text[]];
    }
  | {
      /**
       * Eine nummerierte Liste (1., 2., 3.).
       *
       * @minItems 1
       */
      aufzaehlung: [Text, ...Text[]];
    }
  | {
      zitat: Text;
    }
  | {
      zwischenueberschrift: Text;
    }
  | {
      /**
       * Eine Tabelle mit Kopfzeile (kopf) und Zeilen (zeilen).
       */
      tabelle: {
        /**
         * Die Spaltenüberschriften.
         *
         * @minItems 1
         */
        kopf: [Text, ...Text[]];
        /**
         * Die Zeilen der Tabelle, jede eine Liste von Zellen.
         *
         * @minItems 1
         */
        zeilen: [[string, ...string[]], ...[string, ...string[]][]];
      };
    }
  | {
      /**
       * Ein Bild (PNG, JPEG oder SVG) aus dem Ordner der Vorlage, mit Alternativtext, z. B. {datei: lageplan.png, alt: Lageplan der Unterkunft}.
       */
      bild: {
        /**
         * Der Name der Bilddatei im Ordner der Vorlage, z. B. lageplan.png oder bilder/foto.jpg.
         */
        datei: string;
        alt: Text;
        unterschrift?: Text;
      };
    }
  | {
      /**
       * Ein Diagramm aus Zahlen: Säulen, Balken oder eine Linie.
       */
      diagramm: {
        /**
         * saeulen (senkrechte Säulen), balken (waagerechte Balken) oder linien (eine Linie, z. B. für einen Verlauf).
         */
        art: "saeulen" | "balken" | "linien";
        titel: Text;
        einheit?: Text;
        /**
         * Die Werte des Diagramms, in der gezeigten Reihenfolge, z. B. [{beschriftung: Sanitär, wert: 238000}].
         *
         * @minItems 1
         *
         * Items: Eine Beschriftung und ihr Wert.
         */
        daten: [
          {
            beschriftung: Text;
            /**
             * Die Zahl, z. B. 238000.
             */
            wert: number;
          },
          ...{
            beschriftung: Text;
            /**
             * Die Zahl, z. B. 238000.
             */
            wert: number;
          }[]
        ];
      };
    };
/**
 * Der Name einer Abschnittsdatei im Ordner der Vorlage, z. B. sprachmittlerpool.yaml.
 */
export type Dateiname = string;
/**
 * Ein Kalenderjahr, z. B. 2020.
 */
export type Jahr = number;
/**
 * Ein Betrag in Euro als Zahl mit höchstens zwei Nachkommastellen, z. B. 976377.32.
 */
export type Betrag = number;
/**
 * Ein Monat im ISO-Format JJJJ-MM, z. B. 2016-02.
 */
export type Monat = string;
/**
 * Eine Anzahl (1300) oder eine ungefähre Anzahl ({anzahl: 1300, ca: true}).
 */
export type UngefaehreAnzahl =
  | Anzahl
  | {
      anzahl: Anzahl;
      /**
       * true, wenn die Zahl nur ungefähr bekannt ist („ca.“).
       */
      ca: boolean;
    };
/**
 * Eine ganze Zahl ab 0, z. B. 1300.
 */
export type Anzahl = number;
/**
 * Ein Prozentsatz zwischen 0 und 100, z. B. 40.
 */
export type Prozent = number;
/**
 * Ein Betrag (110000) oder ein ungefährer Betrag ({betrag: 110000, ca: true}).
 */
export type UngefaehrerBetrag =
  | Betrag
  | {
      betrag: Betrag;
      /**
       * true, wenn der Betrag nur ungefähr bekannt ist („ca.“).
       */
      ca: boolean;
    };
/**
 * Ein Prozentsatz (40) oder ein ungefährer Prozentsatz ({prozent: 40, ca: true}).
 */
export type UngefaehrerProzentsatz =
  | Prozent
  | {
      prozent: Prozent;
      /**
       * true, wenn der Prozentsatz nur ungefähr bekannt ist („etwa“).
       */
      ca: boolean;
    };
/**
 * Ein Datum (2019-12-17) oder ein Monat (2016-02).
 */
export type DatumOderMonat = Datum | Monat;

export interface Inhalte {
  gemeinsam?: Gemeinsam;
  koerperschaft?: Koerperschaft;
  sitzung?: Sitzung;
  vorlage?: Vorlage;
  text?: TextAbschnitt;
  schwerpunktziele?: Schwerpunktziele;
  integrationspauschale?: Integrationspauschale;
  sprachmittlerpool?: Sprachmittlerpool;
  uma?: Uma;
}
/**
 * Datumsangaben, Beträge, Anzahlen und Textblöcke, die alle anderen Schemas verwenden.
 */
export interface Gemeinsam {
  [k: string]: unknown | undefined;
}
/**
 * Die Einstellungen der Verwaltung: Name, Anschrift, Logo, Nummernschema der Vorlagen, Gremien und Gestaltung. Eine Datei: content/koerperschaft.yaml.
 */
export interface Koerperschaft {
  name: Text;
  /**
   * Die Postanschrift als Zeilen, z. B. [Friedrich-Ebert-Straße 7, 48653 Coesfeld].
   *
   * @minItems 1
   */
  anschrift: [Text, ...Text[]];
  logo?: Datei;
  vorlagennummer: Text;
  /**
   * Die Gremien, die tagen oder in einer Beratungsfolge stehen, z. B. - name: Kreistag.
   *
   * @minItems 1
   */
  gremien: [Gremium, ...Gremium[]];
  /**
   * Eigene Akzentfarbe und Schrift; ohne Angabe die Voreinstellung (Roboto, schwarze Überschriften).
   */
  gestaltung?: {
    /**
     * Die Farbe für Überschriften und Linien als #RRGGBB in Anführungszeichen, z. B. "#005A9C".
     */
    akzentfarbe?: string;
    /**
     * Eine eigene Schrift aus TTF- oder OTF-Dateien im Inhaltsordner; normal und fett sind Pflicht.
     */
    schrift?: {
      name: Text;
      normal: Datei;
      fett: Datei;
      kursiv?: Datei;
      fettkursiv?: Datei;
    };
  };
}
/**
 * Ein Gremium mit seinem Namen und, wo die eingebaute Regel nicht passt, der Form nach „Sitzung“.
 */
export interface Gremium {
  name: Text;
  /**
   * Die Form nach „Sitzung“ mit Artikel, z. B. des Haupt- und Finanzausschusses oder der Bezirksvertretung Mitte.
   */
  genitiv?: string;
}
/**
 * Eine Sitzung eines Gremiums mit ihrer Tagesordnung. Eine Datei je Sitzung unter content/sitzungen/.
 */
export interface Sitzung {
  koerperschaft: Text;
  gremium: Text;
  /**
   * Die Nummer der Wahlperiode (z. B. 9) oder ihre Jahre in Anführungszeichen (z. B. "2020–2025").
   */
  wahlperiode: number | string;
  datum: Datum;
  /**
   * Die Uhrzeit des Sitzungsbeginns in Anführungszeichen, z. B. "17:00".
   */
  beginn: string;
  ort: Text;
  /**
   * Die Tagesordnungspunkte in ihrer Reihenfolge; die Nummern (TOP 1, 2, …) vergibt ratsmappe.
   *
   * @minItems 1
   */
  tagesordnung: [Top, ...Top[]];
}
/**
 * Ein Tagesordnungspunkt mit Titel und, wenn vorhanden, der zugehörigen Vorlage.
 */
export interface Top {
  titel: Text;
  vorlage?: Vorlagennummer;
  /**
   * false für einen nichtöffentlichen Punkt; ohne Angabe öffentlich.
   */
  oeffentlich?: boolean;
  /**
   * Unterpunkte (TOP 3.1, 3.2, …) mit denselben Feldern.
   *
   * @minItems 1
   */
  unterpunkte?: [Top, ...Top[]];
}
/**
 * Der Kopf einer Vorlage: content/vorlagen/<nummer>/vorlage.yaml.
 */
export interface Vorlage {
  nummer: Vorlagennummer;
  /**
   * Beschlussvorlage, Mitteilungsvorlage oder Ergänzungsvorlage.
   */
  art: "Beschlussvorlage" | "Mitteilungsvorlage" | "Ergänzungsvorlage";
  betreff: Text;
  federfuehrung: Text;
  datum: Datum;
  /**
   * true für eine öffentliche, false für eine nichtöffentliche Vorlage.
   */
  oeffentlich: boolean;
  /**
   * 1 für die erste Fassung, 2, 3, … für jede Änderung.
   */
  version: number;
  aenderungen?: Textbloecke;
  bezug?: Vorlagennummer;
  /**
   * Die Gremien, die die Vorlage nacheinander beraten.
   *
   * @minItems 1
   *
   * Items: Eine Beratung in einem Gremium.
   */
  beratungsfolge: [
    {
      gremium: Text;
      datum: Datum;
      /**
       * Kenntnisnahme, Vorberatung oder Entscheidung.
       */
      zustaendigkeit: "Kenntnisnahme" | "Vorberatung" | "Entscheidung";
    },
    ...{
      gremium: Text;
      datum: Datum;
      /**
       * Kenntnisnahme, Vorberatung oder Entscheidung.
       */
      zustaendigkeit: "Kenntnisnahme" | "Vorberatung" | "Entscheidung";
    }[]
  ];
  beschlussvorschlag: Text;
  begruendung?: Textbloecke;
  /**
   * Die Anlagen in ihrer Reihenfolge: eine Bezeichnung (nur genannt, z. B. „Lageplan (liegt in Papierform vor)“) oder {titel, datei, oeffentlich} mit einer PDF-, PNG- oder JPEG-Datei im Ordner der Vorlage; ohne Angabe steht im Kopf „Anlagen: ohne“.
   */
  anlagen?: (Text | Anlage)[];
  /**
   * Die Abschnittsdateien in ihrer Reihenfolge: Dateinamen oder Gruppen {gruppe, dateien}.
   */
  abschnitte: (
    | Dateiname
    | {
        gruppe: Text;
        /**
         * Die Abschnittsdateien der Gruppe.
         *
         * @minItems 1
         */
        dateien: [Dateiname, ...Dateiname[]];
      }
  )[];
}
/**
 * Eine Anlage als Datei: titel, datei (PDF, PNG oder JPEG im Ordner der Vorlage, z. B. anlagen/lageplan.pdf) und wahlweise oeffentlich.
 */
export interface Anlage {
  titel: Text;
  /**
   * Die Datei im Ordner der Vorlage, z. B. anlagen/lageplan.pdf (PDF, PNG oder JPEG).
   */
  datei: string;
  /**
   * false, wenn die Anlage nur für die Mitglieder bestimmt ist; ohne Angabe gilt, was die Vorlage sagt.
   */
  oeffentlich?: boolean;
}
/**
 * Ein Abschnitt aus freiem Text (art: text).
 */
export interface TextAbschnitt {
  /**
   * Für diesen Abschnitt: text.
   */
  art: "text";
  titel: Text;
  inhalt?: Textbloecke;
  /**
   * true, wenn zu diesem Abschnitt kein Beitrag vorliegt; dann ohne inhalt.
   */
  kein_beitrag?: true;
}
/**
 * Die Schwerpunktziele des Kommunalen Integrationszentrums für einen Zeitraum (art: schwerpunktziele).
 */
export interface Schwerpunktziele {
  /**
   * Für diesen Abschnitt: schwerpunktziele.
   */
  art: "schwerpunktziele";
  titel: Text;
  /**
   * Die Jahre, für die die Ziele gelten, z. B. {von: 2020, bis: 2021}.
   */
  zeitraum: {
    von: Jahr;
    bis: Jahr;
  };
  einleitung?: Textbloecke;
  /**
   * Die Ziele, je eines für einen Bereich.
   *
   * @minItems 1
   *
   * Items: Ein Schwerpunktziel.
   */
  ziele: [
    {
      bereich: Text;
      ziel: Text;
    },
    ...{
      bereich: Text;
      ziel: Text;
    }[]
  ];
}
/**
 * Zuweisung, Verwendungszeitraum und Aufteilung der Integrationspauschale (art: integrationspauschale).
 */
export interface Integrationspauschale {
  /**
   * Für diesen Abschnitt: integrationspauschale.
   */
  art: "integrationspauschale";
  titel: Text;
  /**
   * Die Zuweisung des Landes.
   */
  zuweisung: {
    betrag: Betrag;
    /**
     * Wann die Zuweisung einging: ein Datum (2019-12-17), ein Monat (2019-12) oder „Anfang 2019“, „Mitte 2019“, „Ende 2019“.
     */
    zeitpunkt: Datum | Monat;
    rechtsgrundlage: Text;
  };
  verwendungszeitraum: Zeitraum;
  erlaeuterung_zuweisung?: Textbloecke;
  /**
   * Die beschlossene Aufteilung auf die Haushaltsjahre.
   */
  aufteilung: {
    /**
     * Der Beschluss, der die Aufteilung festlegt.
     */
    beschluss: {
      gremium: Text;
      datum: Datum;
    };
    /**
     * Der Betrag je Haushaltsjahr; die Summe muss die Zuweisung ergeben.
     *
     * @minItems 1
     *
     * Items: Ein Haushaltsjahr mit seinem Anteil.
     */
    jahre: [
      {
        jahr: Jahr;
        betrag: Betrag;
      },
      ...{
        jahr: Jahr;
        betrag: Betrag;
      }[]
    ];
  };
  erlaeuterung?: Textbloecke;
}
/**
 * Ein Zeitraum mit Anfangs- und Enddatum.
 */
export interface Zeitraum {
  von: Datum;
  bis: Datum;
}
/**
 * Zahlen und Text zum Sprachmittlerpool (art: sprachmittlerpool).
 */
export interface Sprachmittlerpool {
  /**
   * Für diesen Abschnitt: sprachmittlerpool.
   */
  art: "sprachmittlerpool";
  titel: Text;
  ehrenamtliche: UngefaehreAnzahl;
  /**
   * Die abgedeckten Sprachen, jede einmal, z. B. Arabisch.
   *
   * @minItems 1
   */
  sprachen: [Text, ...Text[]];
  inhalt?: Textbloecke;
  /**
   * Die Einsätze eines Jahres.
   */
  einsaetze: {
    jahr: Jahr;
    anzahl: UngefaehreAnzahl;
    je_werktag: UngefaehreAnzahl;
    /**
     * Welcher Anteil der Einsätze von Ehrenamtlichen begleitet wurde: ein Bruch in Anführungszeichen ("2/3") oder ein Prozentsatz (67).
     */
    anteil_ehrenamtlich: string | Prozent;
  };
  /**
   * Die Zahl der Anfragen aus jeder Stadt und Gemeinde.
   *
   * @minItems 1
   *
   * Items: Eine Stadt oder Gemeinde und ihre Anfragen.
   */
  anfragen_nach_kommune: [
    {
      kommune: Text;
      anzahl: Anzahl;
    },
    ...{
      kommune: Text;
      anzahl: Anzahl;
    }[]
  ];
  werbung?: Textbloecke;
  /**
   * Die Webadresse des Anfrageformulars, beginnend mit https://.
   */
  anfrageformular?: string;
  /**
   * Die am häufigsten angefragten Sprachen, absteigend nach Anzahl; jede muss unter sprachen stehen.
   *
   * @minItems 1
   *
   * Items: Eine Sprache und wie oft sie angefragt wurde.
   */
  meistgefragte_sprachen: [
    {
      sprache: Text;
      anzahl: Anzahl;
    },
    ...{
      sprache: Text;
      anzahl: Anzahl;
    }[]
  ];
  /**
   * Die Gesamtkosten und der Anteil der Landesförderung.
   */
  kosten: {
    gesamt: UngefaehrerBetrag;
    landesfoerderung_prozent: UngefaehrerProzentsatz;
  };
  ausblick?: Textbloecke;
  /**
   * true zeigt die Zahlenreihen (anfragen_nach_kommune, meistgefragte_sprachen) auch als Diagramm; eine Liste wählt einzelne, z. B. [anfragen_nach_kommune].
   */
  diagramm?:
    | boolean
    | ["anfragen_nach_kommune" | "meistgefragte_sprachen", ...("anfragen_nach_kommune" | "meistgefragte_sprachen")[]];
}
/**
 * Die Zahlen des Jugendamts zu unbegleiteten ausländischen Minderjährigen (art: uma).
 */
export interface Uma {
  /**
   * Für diesen Abschnitt: uma.
   */
  art: "uma";
  titel: Text;
  /**
   * Die Zahl der unbegleiteten ausländischen Minderjährigen in NRW.
   */
  nrw: {
    /**
     * Die aktuelle Zahl mit Stand und Quelle.
     */
    aktuell: {
      anzahl: Anzahl;
      stand: Datum;
      quelle: Text;
    };
    hoechststand: Stand;
  };
  /**
   * Die Aufnahmequote des Kreisjugendamts.
   */
  aufnahmequote: {
    aktuell: Stand;
    hoechststand: Stand;
    /**
     * true, wenn die Aufnahmequote im Kreisjugendamt nie erfüllt wurde.
     */
    nie_erfuellt?: boolean;
  };
  /**
   * Die Zahl der betreuten Minderjährigen im Kreisjugendamt über die Zeit, aufsteigend nach Stand.
   *
   * @minItems 1
   *
   * Items: Eine Zahl zu einem Datum oder Monat.
   */
  verlauf: [
    {
      stand: DatumOderMonat;
      anzahl: Anzahl;
    },
    ...{
      stand: DatumOderMonat;
      anzahl: Anzahl;
    }[]
  ];
  inhalt?: Textbloecke;
  /**
   * Wie die Minderjährigen am Stichtag betreut werden; die Summe muss dem Verlauf am Stichtag entsprechen.
   */
  bestand: {
    stichtag: Datum;
    inobhutnahme: Anzahl;
    /**
     * Jugendliche in Anschlussmaßnahmen der Hilfen zur Erziehung.
     */
    hilfen_zur_erziehung: {
      stationaer: Anzahl;
      pflegefamilie: Anzahl;
    };
    /**
     * Ehemalige unbegleitete Minderjährige, die als junge Volljährige betreut werden.
     */
    junge_volljaehrige: {
      ambulant: Anzahl;
      stationaer: Anzahl;
      pflegefamilie: Anzahl;
    };
    zugewiesen_nicht_uebergeben?: Anzahl;
  };
  /**
   * true zeigt den Verlauf (verlauf) auch als Liniendiagramm, z. B. diagramm: true.
   */
  diagramm?: boolean | ["verlauf", ..."verlauf"[]];
}
/**
 * Eine Zahl und das Datum, zu dem sie gilt.
 */
export interface Stand {
  anzahl: Anzahl;
  stand: Datum;
}
