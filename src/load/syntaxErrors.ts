import type { ErrorCode, LineCounter, YAMLError } from 'yaml';
import { diagnose } from '../diagnostics/catalogue.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { positionOfRange } from './positions.js';

/** German wording for the YAML parser's error codes; the parser's English text is jargon. */
const syntaxDetail: Partial<Record<ErrorCode, string>> = {
  BAD_INDENT: 'die Einrückung passt nicht zur Zeile darüber',
  BLOCK_AS_IMPLICIT_KEY:
    'die Zeile lässt sich keinem Feld zuordnen; prüfen Sie Einrückung und Doppelpunkte',
  MISSING_CHAR: 'ein schließendes Zeichen fehlt (Anführungszeichen oder Klammer)',
  MULTILINE_IMPLICIT_KEY:
    'ein Feldname reicht über mehrere Zeilen; vermutlich fehlt ein Doppelpunkt oder ein Anführungszeichen',
  UNEXPECTED_TOKEN: 'an dieser Stelle steht ein unerwartetes Zeichen',
  BAD_SCALAR_START:
    'der Wert beginnt mit einem Zeichen, das in YAML eine besondere Bedeutung hat; setzen Sie ihn in Anführungszeichen',
  BAD_DQ_ESCAPE: 'ein „\\“ in Anführungszeichen leitet eine ungültige Folge ein',
  BAD_ALIAS: 'ein Verweis mit „*“ zeigt auf keinen Anker',
  BLOCK_IN_FLOW: 'innerhalb von Klammern steht eine mehrzeilige Angabe',
  KEY_OVER_1024_CHARS: 'ein Feldname ist länger als 1024 Zeichen',
};

const keyLine = /^(\s*)(- )?([\w-]+):(?: (.*))?$/;
const isContent = (line: string): boolean => line.trim() !== '' && !line.trim().startsWith('#');

/** A line that looks like a field but sits deeper than the field with a value above it. */
function badIndent(lines: readonly string[]): Diagnostic['line'] | null {
  let previous: RegExpExecArray | null = null;
  let previousIndent = 0;
  for (const [i, line] of lines.entries()) {
    if (!isContent(line)) continue;
    const indent = /^ */.exec(line)?.[0].length ?? 0;
    const match = keyLine.exec(line);
    const value = previous?.[4]?.trim() ?? '';
    if (match && previous && indent > previousIndent && value !== '' && !/^[|>]/.test(value))
      return i + 1;
    previous = match;
    previousIndent = indent + (match?.[2] ? 2 : 0);
  }
  return null;
}

/** A quote opened on a line and not closed there (the parser reports the end of the file). */
function unclosedQuote(lines: readonly string[]): { line: number; column: number } | null {
  for (const [i, line] of lines.entries()) {
    // a quoted value after "key: ", after "- " or both
    const value = /^\s*(?:- )?(?:[\w-]+: )?(["'].*)$/.exec(line)?.[1] ?? '';
    if (value.startsWith('"') && !/^"(?:[^"\\]|\\.)*"\s*(#.*)?$/.test(value)) {
      return { line: i + 1, column: line.length - value.length + 1 };
    }
    if (value.startsWith("'") && !/^'(?:[^']|'')*'\s*(#.*)?$/.test(value)) {
      return { line: i + 1, column: line.length - value.length + 1 };
    }
  }
  return null;
}

/**
 * One syntax error explained in German. The parser's first error is the cause; later ones
 * follow from it and are dropped. Common clerk mistakes get a precise place and wording.
 */
export function syntaxErrorDiagnostic(
  file: string,
  text: string,
  lc: LineCounter,
  errors: readonly YAMLError[],
): Diagnostic {
  const lines = text.split('\n');
  const first = [...errors].sort((a, b) => a.pos[0] - b.pos[0])[0];
  const indentLine = badIndent(lines);
  if (indentLine !== null) {
    const column = (/^ */.exec(lines[indentLine - 1] ?? '')?.[0].length ?? 0) + 1;
    const above =
      lines
        .slice(0, indentLine - 1)
        .filter(isContent)
        .at(-1) ?? '';
    const neighbour = /^( *)(?:- )?([\w-]+):/.exec(above);
    return diagnose(
      'RM101',
      file,
      { line: indentLine, column },
      {
        detail: 'die Zeile ist tiefer eingerückt als die Felder darüber, gehört aber zu ihnen',
        tipp: neighbour
          ? `Rücken Sie die Zeile mit ${String(neighbour[1]?.length ?? 0)} Leerzeichen ein, genau wie „${neighbour[2] ?? ''}“ in der Zeile darüber.`
          : 'Rücken Sie die Zeile genau wie die Felder derselben Ebene ein.',
      },
    );
  }
  const quote = errors.some((e) => e.code === 'MISSING_CHAR' && e.message.includes('quote'))
    ? unclosedQuote(lines)
    : null;
  if (quote) {
    return diagnose('RM101', file, quote, {
      detail: 'ein Anführungszeichen wird geöffnet, aber in derselben Zeile nicht geschlossen',
      tipp: 'Setzen Sie am Ende des Textes das schließende Anführungszeichen (") oder entfernen Sie das öffnende.',
    });
  }
  const position = positionOfRange(lc, first?.pos[0] ?? 0, first?.pos[1]);
  const line = lines[position.line - 1] ?? '';
  const value = keyLine.exec(line)?.[4] ?? '';
  if (first?.code === 'BLOCK_AS_IMPLICIT_KEY' && value.includes(': ') && !/^["']/.test(value)) {
    return diagnose(
      'RM101',
      file,
      { line: position.line, column: line.length - value.length + 1 },
      {
        detail:
          'im Wert steht ein weiterer Doppelpunkt („: “), den YAML als Beginn eines neuen Feldes liest',
        tipp: `Schreiben Sie: ${line.slice(0, line.length - value.length)}"${value.replaceAll('"', '\\"')}"`,
      },
    );
  }
  const clamped = position.line > lines.length ? { line: lines.length, column: 1 } : position;
  return diagnose('RM101', file, clamped, {
    detail: (first && syntaxDetail[first.code]) ?? 'die Zeile lässt sich nicht lesen',
    tipp: 'Prüfen Sie in dieser Zeile und der darüber Einrückung, Doppelpunkte und Anführungszeichen; ein Feld steht in der Form „titel: Binogi“.',
  });
}
