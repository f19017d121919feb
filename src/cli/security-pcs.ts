import { existsSync } from "fs";
import { join } from "path";
import { onThread } from "./csv-split";
import { main } from "./main";
import { terminalProgress } from "./progress";

// The executable: wire the command line to the process, and never show a stack trace.

// A reader that stops early (`security-pcs … | head`) closes the pipe: stop quietly.
for (const stream of [process.stdout, process.stderr])
  stream.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
    throw error;
  });

const partScript = join(__dirname, "csv-part.js");

main(process.argv.slice(2), {
  out: (text) => process.stdout.write(`${text}\n`),
  write: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(`${text}\n`),
  progress: terminalProgress(process.stderr),
  // A large Azure CSV file's second part is read on a worker thread built beside this file.
  split: existsSync(partScript) ? (request) => onThread(partScript, request) : undefined,
}).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(
      `security-pcs: unexpected failure: ${error instanceof Error ? error.message : String(error)}\n`
    );
    process.exitCode = 1;
  }
);
