// The browser tests drive Debian's Chromium and the spreadsheet tests run LibreOffice Calc; neither
// comes from npm (no browser is ever downloaded through npm). On a fresh Debian machine where we
// are root, install them from apt; elsewhere, say what to install.
const { spawnSync } = require("child_process");

const TOOLS = {
  chromium: { command: "chromium", packages: ["chromium"] },
  libreoffice: { command: "soffice", packages: ["libreoffice-calc-nogui", "fonts-dejavu-core"] },
};
const wanted = process.argv.slice(2).length ? process.argv.slice(2) : Object.keys(TOOLS);
const has = (command) =>
  spawnSync("sh", ["-c", `command -v ${command}`], { stdio: "ignore" }).status === 0;
const missing = wanted.filter((name) => TOOLS[name] && !has(TOOLS[name].command));
if (missing.length === 0) process.exit(0);

const packages = missing.flatMap((name) => TOOLS[name].packages);
const root = typeof process.getuid === "function" && process.getuid() === 0;
if (!root || !has("apt-get")) {
  console.error(
    `The tests need ${missing.join(" and ")}: install them with  sudo apt-get install ${packages.join(" ")}`
  );
  process.exit(1);
}
console.log(`Installing ${packages.join(", ")} from apt for the browser and spreadsheet tests…`);
const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
for (const args of [["update"], ["install", "-y", ...packages]]) {
  const r = spawnSync("apt-get", args, { stdio: "inherit", env });
  if (r.status !== 0) {
    console.error(
      `apt-get ${args[0]} failed; install ${packages.join(" ")} by hand and run the tests again.`
    );
    process.exit(1);
  }
}
