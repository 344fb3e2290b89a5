/**
 * The command line's grammar on commander (14: the last major that runs on Node 20; 15 needs
 * Node 22): commands, arguments, options and the German help texts. Commander's own messages
 * are English; every misuse it detects is turned into a German message with a did-you-mean
 * (see GermanCommand) and exit code 2.
 */
import { Command, CommanderError, Help, type Argument, type Option } from 'commander';
import { nearest } from '../check/describe.js';

/** Misuse of the command line: the message is German; exit code 2. */
export class UsageError extends Error {}

const titles: Readonly<Record<string, string>> = {
  'Usage:': 'Aufruf:',
  'Arguments:': 'Argumente:',
  'Options:': 'Optionen:',
  'Commands:': 'Befehle:',
  'Global Options:': 'Allgemeine Optionen:',
};

/** The full name of a command as typed: `ratsmappe build`. */
const fullName = (cmd: Command): string => {
  const names: string[] = [];
  for (let c: Command | null = cmd; c; c = c.parent) names.unshift(c.name());
  return names.join(' ');
};

const argumentsOf = (cmd: Command): string =>
  cmd.registeredArguments
    .map((a: Argument) => {
      const name = a.name() + (a.variadic ? ' …' : '');
      return a.required ? `<${name}>` : `[${name}]`;
    })
    .join(' ');

/** Help texts in German: headings, usage lines, defaults. */
class GermanHelp extends Help {
  override styleTitle(str: string): string {
    return titles[str] ?? str;
  }
  override commandUsage(cmd: Command): string {
    const args = argumentsOf(cmd);
    const rest = cmd.commands.length > 0 ? '<befehl>' : args;
    return `${fullName(cmd)} [optionen]${rest ? ` ${rest}` : ''}`;
  }
  override subcommandTerm(cmd: Command): string {
    const args = argumentsOf(cmd);
    return `${cmd.name()}${cmd.options.length > 0 ? ' [optionen]' : ''}${args ? ` ${args}` : ''}`;
  }
  override optionDescription(option: Option): string {
    const fallback =
      option.defaultValue === undefined || option.defaultValue === false
        ? ''
        : ` (Standard: ${option.defaultValueDescription ?? String(option.defaultValue)})`;
    return `${option.description}${fallback}`;
  }
  override argumentDescription(argument: Argument): string {
    const fallback =
      argument.defaultValue === undefined
        ? ''
        : ` (Standard: ${argument.defaultValueDescription ?? String(argument.defaultValue)})`;
    return `${argument.description}${fallback}`;
  }
}

/**
 * Commander with German messages for every misuse it detects. The methods overridden here are
 * the ones commander calls for each kind of misuse (lib/command.js); each ends in `error()`,
 * which (with exitOverride) throws a CommanderError carrying the German text.
 */
class GermanCommand extends Command {
  override createCommand(name?: string): Command {
    return new GermanCommand(name);
  }
  override createHelp(): Help {
    return Object.assign(new GermanHelp(), this.configureHelp());
  }
  private misuse(message: string, code: string): never {
    const help = `Hilfe: ${fullName(this)} --help`;
    this.error(`${message}\n${help}`, { exitCode: 2, code });
  }
  /** all long options this command accepts (its own and those of its parents) */
  private longOptions(): string[] {
    const flags = this.options.flatMap((o) => (o.long ? [o.long] : []));
    for (let c = this.parent; c; c = c.parent)
      for (const o of c.options) if (o.long) flags.push(o.long);
    return flags;
  }
  unknownOption(flag: string): never {
    const guess = flag.startsWith('--') ? nearest(flag, this.longOptions()) : null;
    const commandName = this.parent ? ` für „${fullName(this)}“` : '';
    this.misuse(
      `Unbekannte Option „${flag}“${commandName}.${guess ? ` Meinten Sie „${guess}“?` : ''}`,
      'commander.unknownOption',
    );
  }
  unknownCommand(): never {
    const name = this.args[0] ?? '';
    const guess = nearest(
      name,
      this.commands.map((c) => c.name()),
    );
    this.misuse(
      `Unbekannter Befehl „${name}“.${guess ? ` Meinten Sie „${guess}“?` : ''}`,
      'commander.unknownCommand',
    );
  }
  missingArgument(name: string): never {
    this.misuse(`Für „${fullName(this)}“ fehlt die Angabe <${name}>.`, 'commander.missingArgument');
  }
  optionMissingArgument(option: Option): never {
    this.misuse(
      `Die Option „${option.long ?? option.flags}“ braucht einen Wert: ${option.flags}.`,
      'commander.optionMissingArgument',
    );
  }
  missingMandatoryOptionValue(option: Option): never {
    this.misuse(
      `Für „${fullName(this)}“ fehlt die Option ${option.flags}.`,
      'commander.missingMandatoryOptionValue',
    );
  }
  _excessArguments(received: readonly string[]): never {
    const expected = this.registeredArguments.length;
    const extra = received.slice(expected).join(' ');
    this.misuse(
      `Zu viele Angaben für „${fullName(this)}“: ${extra} (erwartet: ${
        expected === 0 ? 'keine' : argumentsOf(this)
      }).`,
      'commander.excessArguments',
    );
  }
}

/** What a command does once its arguments are parsed; returns the exit code. */
export interface Actions {
  readonly check: (content: string, options: CheckOptions) => Promise<number>;
  readonly build: (content: string, options: BuildOptions) => Promise<number>;
  readonly archive: (content: string, options: ArchiveOptions) => Promise<number>;
  readonly verify: (archive: string, options: JsonOption) => Promise<number>;
  readonly diff: (before: string, after: string, options: JsonOption) => Promise<number>;
  readonly vorschau: (content: string, options: { readonly port: string }) => Promise<number>;
  readonly neu: (
    what: 'sitzung' | 'vorlage' | 'abschnitt',
    args: readonly (string | undefined)[],
    options: { readonly art?: string },
  ) => Promise<number>;
}
export interface JsonOption {
  readonly json: boolean;
}
export interface CheckOptions extends JsonOption {
  /** only this Vorlage (a draft, also one on no agenda) */
  readonly vorlage: string | undefined;
}
export interface BuildOptions extends JsonOption {
  readonly out: string;
  readonly quiet: boolean;
  /** only this Vorlage, as a draft into <out>/entwuerfe/<nummer>/ */
  readonly vorlage: string | undefined;
  /** build again after every change of the content, until Ctrl+C */
  readonly watch: boolean;
}
export interface ArchiveOptions extends JsonOption {
  readonly to: string;
  readonly pdfa3: boolean;
}

const examples = (lines: readonly string[]): string =>
  `\nBeispiele:\n${lines.map((l) => `  ${l}`).join('\n')}\n`;

const exitCodes = (text: string): string => `\nRückgabewert: ${text}\n`;

/**
 * The program. `write` receives help and version texts (stdout), `writeError` nothing (errors
 * are thrown as CommanderError and reported by the caller); `done` receives the exit code of
 * the command that ran.
 */
export function createProgram(
  version: string,
  actions: Actions,
  write: (text: string) => void,
  done: (code: number) => void,
): Command {
  const program = new GermanCommand('ratsmappe');
  program
    .description(
      'Sitzungsvorlagen und Sitzungsmappen aus YAML-Dateien: prüfen, als PDF und DOCX erzeugen, archivieren.',
    )
    .version(version, '-V, --version', 'Version anzeigen')
    .helpOption('-h, --help', 'diese Hilfe zeigen')
    .helpCommand('help [befehl]', 'Hilfe zu einem Befehl zeigen')
    .exitOverride()
    .configureOutput({
      writeOut: write,
      writeErr: () => undefined,
      outputError: () => undefined,
    })
    .addHelpText(
      'after',
      examples([
        'npx ratsmappe check            Inhalte in content/ prüfen',
        'npx ratsmappe build            Vorlagen und Sitzungsmappen nach out/ schreiben',
        'npx ratsmappe help build       Hilfe zu „build“',
      ]),
    );

  /** a command on a content folder: `ratsmappe <name> [inhalt]` */
  const contentCommand = (name: string, description: string): Command =>
    program
      .command(name)
      .description(description)
      .argument('[inhalt]', 'Ordner mit sitzungen/ und vorlagen/', 'content');

  const jsonOption = (what: string): [string, string] => ['--json', `${what} als JSON ausgeben`];

  contentCommand('check', 'Inhalte prüfen, ohne etwas zu schreiben.')
    .option(...jsonOption('die Befunde'))
    .option(
      '--vorlage <nummer>',
      'nur diese Vorlage prüfen (auch einen Entwurf auf keiner Tagesordnung)',
    )
    .addHelpText(
      'after',
      examples([
        'npx ratsmappe check',
        'npx ratsmappe check --vorlage V/2024/0815',
        'npx ratsmappe check inhalte/2024 --json > befunde.json',
      ]) +
        exitCodes(
          '0 ohne Fehler (Warnungen erlaubt), 1 bei Fehlern im Inhalt, 2 bei falschem Aufruf.',
        ),
    )
    .action(async (content: string, options: { json?: boolean; vorlage?: string }) => {
      done(await actions.check(content, { json: options.json === true, vorlage: options.vorlage }));
    });

  contentCommand(
    'build',
    'Jede Vorlage als PDF und DOCX und beide Sitzungsmappen erzeugen (öffentlich und für die Mitglieder).',
  )
    .option('-o, --out <ordner>', 'Zielordner', 'out')
    .option('-q, --quiet', 'keine Fortschritts- und Zusammenfassungszeilen')
    .option(...jsonOption('die Zusammenfassung (geschriebene Dateien, Befunde)'))
    .option(
      '--vorlage <nummer>',
      'nur diese Vorlage als Entwurf erzeugen (PDF und DOCX nach <ordner>/entwuerfe/<nummer>/)',
    )
    .option('-w, --watch', 'nach jeder Änderung neu erzeugen (bis Strg+C), eine Zeile je Durchgang')
    .addHelpText(
      'after',
      examples([
        'npx ratsmappe build',
        'npx ratsmappe build --vorlage V/2024/0815',
        'npx ratsmappe build --watch',
        'npx ratsmappe build content --out veroeffentlichung',
        'npx ratsmappe build --json > ergebnis.json',
      ]) +
        '\nIm Zielordner entsteht je Sitzung ein Ordner mit oeffentlich/ (zur Veröffentlichung)\n' +
        'und nichtoeffentlich/ (nur für die Mitglieder). Bei Fehlern wird nichts geschrieben;\n' +
        'die bisherigen Dateien bleiben unverändert.\n' +
        exitCodes('0 erzeugt, 1 bei Fehlern im Inhalt, 2 bei falschem Aufruf.'),
    )
    .action(
      async (
        content: string,
        options: {
          out: string;
          quiet?: boolean;
          json?: boolean;
          vorlage?: string;
          watch?: boolean;
        },
      ) => {
        done(
          await actions.build(content, {
            out: options.out,
            quiet: options.quiet === true,
            json: options.json === true,
            vorlage: options.vorlage,
            watch: options.watch === true,
          }),
        );
      },
    );

  contentCommand(
    'archive',
    'Eine Sitzung revisionssicher archivieren: PDF/A-2b, Prüfsummen, Versionen je Vorlage.',
  )
    .requiredOption('--to <archiv>', 'Archivordner (wird angelegt, wenn er fehlt)')
    .option('--pdfa3', 'PDF/A-3b statt PDF/A-2b, mit den YAML-Quellen jeder Vorlage eingebettet')
    .option(...jsonOption('den Bericht'))
    .addHelpText(
      'after',
      examples([
        'npx ratsmappe archive --to /srv/kreisarchiv',
        'npx ratsmappe archive content --to archiv --pdfa3',
      ]) +
        exitCodes(
          '0 archiviert, 1 bei Fehlern im Inhalt oder einem Widerspruch zum Archiv, 2 bei falschem Aufruf.',
        ),
    )
    .action(async (content: string, options: { to: string; pdfa3?: boolean; json?: boolean }) => {
      done(
        await actions.archive(content, {
          to: options.to,
          pdfa3: options.pdfa3 === true,
          json: options.json === true,
        }),
      );
    });

  program
    .command('verify')
    .description('Die Prüfsummen eines Archivs nachrechnen.')
    .argument('<archiv>', 'Archivordner')
    .option(...jsonOption('das Ergebnis'))
    .addHelpText(
      'after',
      examples(['npx ratsmappe verify /srv/kreisarchiv']) +
        exitCodes('0 unverändert, 1 bei Abweichungen, 2 wenn dort kein Archiv liegt.'),
    )
    .action(async (archive: string, options: { json?: boolean }) => {
      done(await actions.verify(archive, { json: options.json === true }));
    });

  program
    .command('diff')
    .description('Die Unterschiede zweier Fassungen einer Vorlage auflisten.')
    .argument('<alt>', 'ältere Fassung (Vorlagenordner oder Archivfassung)')
    .argument('<neu>', 'neuere Fassung')
    .option(...jsonOption('die Unterschiede'))
    .addHelpText(
      'after',
      examples(['npx ratsmappe diff archiv/V-2024-0815/v1 content/vorlagen/V-2024-0815']) +
        exitCodes('0 ohne Unterschiede, 1 mit Unterschieden, 2 bei unlesbarer Eingabe.'),
    )
    .action(async (before: string, after: string, options: { json?: boolean }) => {
      done(await actions.diff(before, after, { json: options.json === true }));
    });

  contentCommand(
    'vorschau',
    'Eine Vorschau im Browser: Sitzungen, Tagesordnung und jede Vorlage (auch Entwürfe), die sich beim Speichern von selbst aktualisiert.',
  )
    .option('--port <nummer>', 'Port auf 127.0.0.1', '4000')
    .addHelpText(
      'after',
      examples(['npx ratsmappe vorschau', 'npx ratsmappe vorschau content --port 4100']) +
        '\nDie Vorschau ist nur auf diesem Rechner erreichbar (127.0.0.1). Beenden mit Strg+C.\n' +
        exitCodes('0 nach dem Beenden, 2 bei falschem Aufruf oder belegtem Port.'),
    )
    .action(async (content: string, options: { port: string }) => {
      done(await actions.vorschau(content, { port: options.port }));
    });

  const neu = program
    .command('neu')
    .description('Neue Dateien anlegen, die „check“ sofort bestehen: Sitzung, Vorlage, Abschnitt.')
    .addHelpText(
      'after',
      examples([
        'npx ratsmappe neu sitzung 2025-03-18 Integrationsausschuss',
        'npx ratsmappe neu vorlage --art Beschlussvorlage',
        'npx ratsmappe neu abschnitt SV-10-0042 text',
      ]),
    );
  neu
    .command('sitzung')
    .description('Eine Sitzung mit Tagesordnung anlegen: sitzungen/<datum>-<gremium>.yaml.')
    .argument('<datum>', 'Datum der Sitzung, z. B. 2025-03-18')
    .argument('<gremium>', 'ein Gremium aus koerperschaft.yaml, z. B. Integrationsausschuss')
    .argument('[inhalt]', 'Ordner mit sitzungen/ und vorlagen/', 'content')
    .action(async (datum: string, gremium: string, content: string) => {
      done(await actions.neu('sitzung', [datum, gremium, content], {}));
    });
  neu
    .command('vorlage')
    .description(
      'Eine Vorlage mit einem Textabschnitt anlegen: vorlagen/<nummer>/; ohne Nummer die nächste freie.',
    )
    .argument('[nummer]', 'Vorlagennummer nach dem Schema aus koerperschaft.yaml')
    .argument('[inhalt]', 'Ordner mit sitzungen/ und vorlagen/', 'content')
    .option(
      '--art <art>',
      'Beschlussvorlage, Mitteilungsvorlage oder Ergänzungsvorlage',
      'Beschlussvorlage',
    )
    .action(async (nummer: string | undefined, content: string, options: { art: string }) => {
      done(await actions.neu('vorlage', [nummer, content], { art: options.art }));
    });
  neu
    .command('abschnitt')
    .description('Einen Abschnitt anlegen und in „abschnitte“ der Vorlage eintragen.')
    .argument('<nummer>', 'die Vorlage, z. B. SV-10-0042')
    .argument(
      '<art>',
      'text, schwerpunktziele, integrationspauschale, sprachmittlerpool, uma oder eine eigene Art aus abschnittsarten/',
    )
    .argument('[inhalt]', 'Ordner mit sitzungen/ und vorlagen/', 'content')
    .action(async (nummer: string, art: string, content: string) => {
      done(await actions.neu('abschnitt', [nummer, art, content], {}));
    });

  return program;
}

/** Runs the program on `argv`; misuse throws UsageError (help and version return). */
export async function runProgram(program: Command, argv: readonly string[]): Promise<void> {
  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (error) {
    if (!(error instanceof CommanderError)) throw error;
    // help and version: commander has written them; exit 0
    if (error.exitCode === 0) return;
    if (error.code === 'commander.help') {
      // `help <name>` with a name that is no command: commander only shows the help
      const name = argv[1] ?? '';
      const guess = nearest(
        name,
        program.commands.map((c) => c.name()),
      );
      throw new UsageError(
        `Unbekannter Befehl „${name}“.${guess ? ` Meinten Sie „${guess}“?` : ''}\nHilfe: ratsmappe --help`,
      );
    }
    throw new UsageError(error.message);
  }
}
