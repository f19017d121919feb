import { readdirSync, readFileSync, statSync } from "fs";
import { join } from "path";

// design.md's layers: scoring/ and report/ are pure (no Office, DOM or Node APIs) and depend on
// nothing above them; only excel/ touches Office.js and only cli/ touches files.
const src = join(__dirname, "..", "..", "src");
function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    // Tests beside the modules they test are not part of any layer's shipped code.
    return statSync(p).isDirectory()
      ? files(p)
      : p.endsWith(".ts") && !p.endsWith(".test.ts")
        ? [p]
        : [];
  });
}
const code = (file: string): string =>
  readFileSync(file, "utf8")
    .replace(/\/\*[\s\S]*?\*\//g, "")
    .replace(/\/\/.*$/gm, "");
const imports = (file: string): string[] =>
  [...code(file).matchAll(/from "([^"]+)"/g)].map((m) => m[1] ?? "");

describe("layers", () => {
  it.each(["scoring", "report"])("keeps src/%s free of Office, DOM and Node APIs", (layer) => {
    for (const file of files(join(src, layer))) {
      const text = code(file);
      expect({
        file,
        hits:
          text.match(
            /\b(Office|Excel|CustomFunctions|document|window|process|Buffer|require)\b[.(]/g
          ) ?? [],
      }).toEqual({ file, hits: [] });
      for (const i of imports(file))
        expect({ file, import: i.startsWith(".") }).toEqual({ file, import: true });
    }
  });
  it("lets scoring depend on nothing above it, and report only on scoring", () => {
    for (const file of files(join(src, "scoring")))
      for (const i of imports(file))
        expect({
          file,
          i,
          up: /\.\.\/(report|excel|cli|functions|taskpane)/.test(i),
        }).toMatchObject({ up: false });
    for (const file of files(join(src, "report")))
      for (const i of imports(file))
        expect({ file, i, up: /\.\.\/(excel|cli|functions|taskpane)/.test(i) }).toMatchObject({
          up: false,
        });
  });
  it("keeps Office.js in src/excel, src/taskpane and src/functions, and files in src/cli", () => {
    for (const layer of ["scoring", "report", "cli"]) {
      for (const file of files(join(src, layer)))
        expect({ file, office: /\b(Excel|Office)\.\w/.test(code(file)) }).toMatchObject({
          office: false,
        });
    }
    for (const layer of ["scoring", "report", "excel", "functions", "taskpane"]) {
      for (const file of files(join(src, layer)))
        expect({ file, fs: imports(file).some((i) => i === "fs" || i === "path") }).toMatchObject({
          fs: false,
        });
    }
  });
});
