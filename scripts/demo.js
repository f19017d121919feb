// `npm run demo`: build if the sources changed since the last build, make the sample workbook if
// it is missing, score it and write out/contoso-scorecard.xlsx, printing the terminal summary.
const { spawnSync } = require("child_process");
const fs = require("fs");
const path = require("path");

const root = path.join(__dirname, "..");
const cli = path.join(root, "dist", "cli", "security-pcs.js");
const sample = path.join(root, "samples", "contoso-security.xlsx");
const out = path.join(root, "out", "contoso-scorecard.xlsx");

function newest(dir) {
  let latest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(p) : fs.statSync(p).mtimeMs);
  }
  return latest;
}

function run(command, args) {
  const r = spawnSync(command, args, {
    cwd: root,
    stdio: "inherit",
    shell: process.platform === "win32",
  });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

const built = fs.existsSync(cli) ? fs.statSync(cli).mtimeMs : 0;
if (
  built <
  Math.max(
    newest(path.join(root, "src")),
    fs.statSync(path.join(root, "webpack.config.js")).mtimeMs
  )
) {
  console.log("Building…");
  run("npm", ["run", "build", "--silent"]);
}
if (!fs.existsSync(sample)) run(process.execPath, [path.join(__dirname, "make-sample.js")]);
fs.mkdirSync(path.dirname(out), { recursive: true });
console.log(`Scoring ${path.relative(root, sample)}\n`);
run(process.execPath, [cli, "score", "--workbook", sample, "--out", out, "--force"]);
