/**
 * Whether any text of a parsed YAML value passes a test: the strings among its values (and,
 * with `keys`, its keys); `skipTop`: a key of the top-level map whose value is not looked at.
 * The checks ask this of the value first, and walk the syntax tree (for the positions of their
 * findings) only when it says yes: the tree of a file taken from the parse store is parsed
 * only then (diskParses.ts).
 */
export function someText(
  value: unknown,
  test: (text: string) => boolean,
  { keys = false, skipTop }: { readonly keys?: boolean; readonly skipTop?: string } = {},
): boolean {
  const walk = (v: unknown, top: boolean): boolean => {
    if (typeof v === 'string') return test(v);
    if (v === null || typeof v !== 'object') return false;
    if (Array.isArray(v)) return v.some((item) => walk(item, false));
    return Object.entries(v).some(
      ([key, item]) => (keys && test(key)) || (!(top && key === skipTop) && walk(item, false)),
    );
  };
  return walk(value, true);
}
