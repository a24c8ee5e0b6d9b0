// The command line's options, read the same way by every command: `--name value` or `--name=value`.
import { UsageError } from './files';

export interface Arg {
  /** `--out` for `--out=x` too; the argument itself for anything else. */
  name: string;
  arg: string;
  /** The option's value: after `=`, else the next argument (which is then consumed). */
  value(): string;
  /** Every argument after this one (consumed): what follows `--`. */
  rest(): string[];
}

export function forEachArg(args: string[], visit: (a: Arg) => void): void {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const [name, inline] = eq > 0 ? [arg.slice(0, eq), arg.slice(eq + 1)] : [arg, undefined];
    visit({
      name,
      arg,
      value: () => {
        const v = inline ?? args[++i];
        if (v === undefined) throw new UsageError(`${name} needs a value`);
        return v;
      },
      rest: () => {
        const rest = args.slice(i + 1);
        i = args.length;
        return rest;
      },
    });
  }
}
