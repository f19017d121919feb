import { buildScorecard, Selection } from "../excel/build-scorecard";
import { Candidate, findCandidates } from "../excel/read-tables";
import { qualificationReason } from "../report/qualification-reasons";
import { fluentTheme } from "./fluent";
import { trendPicture } from "../report/trend-lines";
import {
  FORECAST_NOTE,
  formatPoints,
  isInputError,
  METRICS,
  rulesById,
  parseAsOf,
  RULES_IDS,
  ScoreResult,
  TableKind,
  TRACK_LABEL,
  TRACKS,
} from "../scoring";

/**
 * The task pane: find the input tables, let the user confirm them and the as-of month, build the
 * scorecard with one button, then summarise. All scoring and writing lives in excel/ and scoring/.
 */

const LISTS: Record<TableKind, string> = {
  azure: "azure-list",
  m365: "m365-list",
  certifications: "certs-list",
};

function el<T extends HTMLElement>(id: string): T {
  const found = document.getElementById(id);
  if (!found) throw new Error(`task pane markup is missing #${id}`);
  return found as T;
}

let candidates: Candidate[] = [];
let lastSheet = "";

/** Shows a message in the bar at the top of the pane (kept in view when the pane scrolls). */
function setStatus(text: string, kind: "info" | "error" | "success" = "info"): void {
  const bar = el("message");
  bar.hidden = text === "";
  bar.className = `message-bar ${kind}`;
  bar.setAttribute("intent", kind);
  el("status").textContent = text;
}

function setBusy(busy: boolean): void {
  el<HTMLButtonElement>("build").disabled = busy;
  el<HTMLButtonElement>("rescan").disabled = busy;
  el("progress-box").hidden = !busy;
  el("app").setAttribute("aria-busy", String(busy));
}

/** One checkbox per recognised table, ticked, under its kind; the rest listed as not used. */
function fillChoices(): void {
  for (const [kind, id] of Object.entries(LISTS) as [TableKind, string][]) {
    const list = el<HTMLDivElement>(id);
    list.replaceChildren();
    const mine = candidates.filter((c) => c.kind === kind);
    if (mine.length === 0) {
      const none = document.createElement("span");
      none.className = "none";
      none.textContent = "none found";
      list.append(none);
    }
    for (const c of mine) {
      const label = document.createElement("label");
      const box = document.createElement("input");
      box.type = "checkbox";
      box.value = c.id;
      box.checked = true;
      const text = document.createElement("span");
      text.textContent = c.label;
      if (c.layout) {
        const layout = document.createElement("span");
        layout.className = "layout";
        layout.textContent = ` · ${c.layout}`;
        text.append(layout);
      }
      label.append(box, text);
      list.append(label);
    }
  }
  const others = candidates.filter((c) => c.kind === null);
  el("other").hidden = others.length === 0;
  el("other-list").replaceChildren(
    ...others.map((c) => {
      const li = document.createElement("li");
      li.textContent = c.label;
      return li;
    })
  );
}

async function scan(): Promise<void> {
  setStatus("Looking for input tables…");
  await Excel.run(async (context) => {
    candidates = await findCandidates(context);
  });
  fillChoices();
  const found = candidates.filter((c) => c.kind !== null).length;
  setStatus(
    found === 0
      ? "No input tables recognised yet: add sheets with Azure, Microsoft 365 or certification headers, then look again."
      : `Found ${found} input table${found === 1 ? "" : "s"}. Check them and press Build scorecard.`
  );
}

function chosen(kind: TableKind): Candidate[] {
  const ticked = new Set(
    [...el(LISTS[kind]).querySelectorAll<HTMLInputElement>("input[type=checkbox]")]
      .filter((box) => box.checked)
      .map((box) => box.value)
  );
  return candidates.filter((c) => ticked.has(c.id));
}

function selection(): Selection {
  const s: Selection = {
    azure: chosen("azure"),
    m365: chosen("m365"),
    certifications: chosen("certifications"),
  };
  const rules = el<HTMLSelectElement>("rules").value;
  if (rules !== "") s.rules = rules;
  const asOfText = el<HTMLInputElement>("asof").value.trim();
  if (asOfText !== "") {
    const month = parseAsOf(asOfText);
    if (month < 0) throw new Error(`As-of month "${asOfText}" is not a month: use YYYY-MM.`);
    s.asOf = month;
  }
  return s;
}

function showSummary(result: ScoreResult, sheetName: string): void {
  const rows = el<HTMLTableSectionElement>("summary-rows");
  rows.replaceChildren();
  for (const track of TRACKS) {
    const t = result.tracks[track];
    const tr = document.createElement("tr");
    const th = document.createElement("th");
    th.scope = "row";
    th.textContent = TRACK_LABEL[track];
    const total = document.createElement("td");
    total.className = "num";
    total.textContent = formatPoints(t.total);
    const q = document.createElement("td");
    q.className = t.qualified ? "yes" : "no";
    q.textContent = t.qualified ? "Yes" : "No";
    tr.append(th, total, q);
    rows.append(tr);
  }
  el("reasons").replaceChildren(
    ...TRACKS.flatMap((track) => {
      const reason = qualificationReason(result, track);
      if (!reason) return [];
      const li = document.createElement("li");
      li.textContent = reason;
      return [li];
    })
  );
  const best = TRACK_LABEL[result.bestTrack];
  el("best").textContent =
    `Best path: ${best}, ${formatPoints(result.total)} points, ${result.qualified ? "qualified" : "not qualified"} (as of ${result.asOf}, rules ${result.rules}, ${result.rulesReason}).`;
  showOutlook(result);
  const count = (s: string): number => result.issues.filter((i) => i.severity === s).length;
  el("issues").textContent =
    `Data issues: ${count("error")} errors, ${count("warning")} warnings, ${count("info")} notes (listed on the sheet).`;
  el("summary").hidden = false;
  lastSheet = sheetName;
}

const SVG = "http://www.w3.org/2000/svg";

/** An SVG element with attributes (presentation by class: the pane's CSP allows no inline style). */
function svg(tag: string, attributes: Record<string, string | number>): SVGElement {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attributes)) node.setAttribute(k, String(v));
  return node;
}

/** The trend (history solid, forecast dashed, the 70 line dotted) drawn as a small SVG. */
function drawTrend(result: ScoreResult): void {
  const box = el("trend-box");
  box.replaceChildren();
  const qualifying = rulesById(result.rules).qualification.minTotal;
  const picture = trendPicture(result, 300, 90, qualifying);
  if (!picture) return;
  const chart = svg("svg", {
    viewBox: `0 0 ${picture.width} ${picture.height + 14}`,
    role: "img",
    "aria-label": picture.description,
  });
  chart.append(
    svg("line", {
      class: "as-of",
      x1: picture.asOfX,
      x2: picture.asOfX,
      y1: 0,
      y2: picture.height,
    }),
    svg("line", {
      class: "qualifying",
      x1: 0,
      x2: picture.width,
      y1: picture.qualifyingY,
      y2: picture.qualifyingY,
    }),
    ...picture.lines.map((l) =>
      svg("polyline", {
        class: `${l.track}${l.forecast ? " forecast" : ""}`,
        points: l.points,
      })
    )
  );
  const label = (text: string, x: number, anchor: string): void => {
    const t = svg("text", { x, y: picture.height + 11, "text-anchor": anchor });
    t.textContent = text;
    chart.append(t);
  };
  label(picture.from, 2, "start");
  label(result.asOf, picture.asOfX, "middle");
  label(picture.to, picture.width - 2, "end");
  box.append(chart);
}

/** After Build: the trend, the first month at risk and the best track's five nearest wins. */
function showOutlook(result: ScoreResult): void {
  const outlook = el("outlook");
  outlook.hidden = result.history.length === 0;
  if (outlook.hidden) return;
  drawTrend(result);
  el("trend-note").textContent = `${FORECAST_NOTE.split(" — ")[0] ?? ""}.`;
  const risk = el("risk");
  risk.classList.toggle("at-risk", result.firstMonthAtRisk !== null);
  risk.textContent = result.firstMonthAtRisk
    ? `First month at risk: ${result.firstMonthAtRisk}. ${result.riskDrivers.slice(0, 2).join(" ")}`
    : "No month at risk in the six forecast months (under a flat run-rate).";
  const plan = result.plan[result.bestTrack];
  const short = plan.shortfall.points;
  el("wins-title").textContent =
    `Nearest wins, ${TRACK_LABEL[result.bestTrack]}${short > 0 ? ` (${formatPoints(short)} points short)` : ""}`;
  const wins = el("wins");
  wins.replaceChildren(
    ...plan.wins.slice(0, 5).map((w) => {
      const li = document.createElement("li");
      const gain = document.createElement("span");
      gain.className = "gain";
      gain.textContent = `+${formatPoints(w.points)}`;
      const metric = METRICS.find((m) => m.key === w.metric)?.label ?? w.metric;
      li.append(gain, ` ${metric}, ${w.subject}: ${w.because}`);
      return li;
    })
  );
  if (plan.wins.length === 0) {
    const li = document.createElement("li");
    li.textContent =
      result.tracks[result.bestTrack].total >= 100
        ? "Every metric is at its maximum."
        : "No single change to a customer, workload, person or total gains points on this track.";
    wins.append(li);
  }
}

async function build(): Promise<void> {
  setBusy(true);
  el("summary").hidden = true;
  // The Fluent progress bar takes `value` like <progress>.
  const progress = el<HTMLProgressElement>("progress");
  try {
    const s = selection();
    if ((s.azure?.length ?? 0) + (s.m365?.length ?? 0) + (s.certifications?.length ?? 0) === 0)
      throw new Error("Choose at least one input table.");
    await Excel.run(async (context) => {
      const { result, outcome } = await buildScorecard(context, s, (message, fraction) => {
        progress.value = Math.round(fraction * 100);
        setStatus(message);
      });
      showSummary(result, outcome.sheetName);
      setStatus(`Scorecard written to sheet "${outcome.sheetName}".`, "success");
    });
    el("summary").focus();
  } catch (error) {
    const message = isInputError(error)
      ? error.message
      : error instanceof Error
        ? error.message
        : String(error);
    setStatus(`Could not build the scorecard: ${message}`, "error");
    el("message").scrollIntoView({ block: "nearest" });
  } finally {
    setBusy(false);
  }
}

async function goToSheet(): Promise<void> {
  await Excel.run(async (context) => {
    context.workbook.worksheets.getItem(lastSheet).activate();
    await context.sync();
  });
}

function report(error: unknown): void {
  setStatus(
    `Something went wrong: ${error instanceof Error ? error.message : String(error)}`,
    "error"
  );
}

/** The rules choice: Automatic (the version in force in the as-of month) or a named version. */
function fillRules(): void {
  const select = el<HTMLSelectElement>("rules");
  select.replaceChildren(
    ...["", ...RULES_IDS].map((id) => {
      const option = document.createElement("option");
      option.value = id;
      option.textContent = id === "" ? "Automatic (in force in the as-of month)" : id;
      return option;
    })
  );
}

/**
 * The month box: a month picker where the browser has one (Excel on Windows, the web), else a
 * text box that takes `YYYY-MM` typed (Excel on Mac's WebKit has no picker) and says so.
 */
function setUpMonthInput(): void {
  const input = el<HTMLInputElement>("asof");
  const probe = document.createElement("input");
  probe.setAttribute("type", "month");
  if (probe.type === "month") {
    input.setAttribute("type", "month");
    return;
  }
  el("asof-hint").textContent =
    "Type the month as YYYY-MM, e.g. 2026-06 (this Excel has no month picker). Leave empty to use the latest month in the usage data.";
}

/** Relative luminance of a `#rrggbb` colour (0 black … 1 white); null when not a colour. */
function luminance(color: string): number | null {
  const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(color.trim());
  if (!m) return null;
  const [r, g, b] = [m[1], m[2], m[3]].map((h) => {
    const c = parseInt(h ?? "0", 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * (r ?? 0) + 0.7152 * (g ?? 0) + 0.0722 * (b ?? 0);
}

/** Follows Office's theme (colourful, dark grey, black, white): its colours, and dark mode. */
function applyTheme(): void {
  const theme = (Office.context as { officeTheme?: Office.OfficeTheme } | undefined)?.officeTheme;
  if (!theme) return;
  const root = document.documentElement;
  const set = (name: string, value: string | undefined): void => {
    if (value && luminance(value) !== null) root.style.setProperty(name, value);
  };
  set("--bg", theme.bodyBackgroundColor);
  set("--fg", theme.bodyForegroundColor);
  const dark = luminance(theme.bodyBackgroundColor) ?? 1;
  root.classList.toggle("dark", dark < 0.2);
  fluentTheme(dark < 0.2);
}

/** How long the pane waits for Office before saying it could not be reached. */
const OFFICE_TIMEOUT_MS = 15000;

/** Says plainly that Office.js did not load (offline, blocked), instead of a blank pane. */
function officeFailed(): void {
  el("loading").hidden = true;
  el("office-failed").hidden = false;
}

/** Wires the pane once Office is ready; outside Excel it explains how to load the add-in. */
export function start(): void {
  if (typeof Office === "undefined") {
    officeFailed();
    return;
  }
  fluentTheme(false);
  const timer = setTimeout(officeFailed, OFFICE_TIMEOUT_MS);
  Office.onReady((info) => {
    clearTimeout(timer);
    el("loading").hidden = true;
    el("office-failed").hidden = true;
    applyTheme();
    if (info.host !== Office.HostType.Excel) {
      el("outside").hidden = false;
      setStatus("Not running inside Excel.");
      return;
    }
    if (!Office.context.requirements.isSetSupported("ExcelApi", "1.12")) {
      el("old-excel").hidden = false;
      return;
    }
    el("form").hidden = false;
    fillRules();
    setUpMonthInput();
    el("form").addEventListener("submit", (event) => {
      event.preventDefault();
      build().catch(report);
    });
    el("rescan").addEventListener("click", () => scan().catch(report));
    el("goto").addEventListener("click", () => goToSheet().catch(report));
    scan().catch(report);
  });
}

start();
