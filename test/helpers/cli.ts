import { main } from "../../src/cli/main";

/**
 * Runs the command line in-process and captures its output, as the executable wires it: lines
 * through `out`, the JSON score as UTF-8 batches through `write`.
 */
export async function runCli(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, {
    out: (t) => out.push(`${t}\n`),
    write: (bytes) => out.push(Buffer.from(bytes).toString("utf8")),
    err: (t) => err.push(t),
  });
  return { code, out: out.join("").replace(/\n$/, ""), err: err.join("\n") };
}
