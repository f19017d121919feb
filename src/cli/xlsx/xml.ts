/** Escapes text for XML content and attribute values. */
export function escapeXml(text: string): string {
  return (
    text
      .replace(/&/g, "&amp;")
      .replace(/</g, "&lt;")
      .replace(/>/g, "&gt;")
      .replace(/"/g, "&quot;")
      // Characters XML 1.0 cannot hold at all (control characters other than tab and line breaks).
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, "")
  );
}

/** The XML declaration every part starts with. */
export const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

/** Namespaces of SpreadsheetML parts. */
export const NS = {
  main: "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
  rel: "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
  package: "http://schemas.openxmlformats.org/package/2006/relationships",
  contentTypes: "http://schemas.openxmlformats.org/package/2006/content-types",
  relType: (type: string): string =>
    `http://schemas.openxmlformats.org/officeDocument/2006/relationships/${type}`,
};

/**
 * A SpreadsheetML part written with a prefix for its main namespace (`<x:workbook xmlns:x="…">`,
 * as the Open XML SDK writes) rewritten with that namespace as the default one, the form the
 * writer edits; the same XML to any reader. Parts already in that form, or declaring another
 * default namespace (which the rewrite would capture), come back unchanged.
 */
export function withDefaultMainNamespace(xml: string): string {
  const declared = new RegExp(
    `\\sxmlns:([A-Za-z_][\\w.-]*)="${NS.main.replace(/[.]/g, "\\.")}"`
  ).exec(xml);
  if (!declared || /\sxmlns="/.test(xml)) return xml;
  const prefix = declared[1] as string;
  return xml
    .replace(new RegExp(`<(/?)${prefix}:`, "g"), "<$1")
    .replace(`xmlns:${prefix}="${NS.main}"`, `xmlns="${NS.main}"`);
}

/** Content types of the parts the writer adds. */
export const CONTENT_TYPE = {
  worksheet: "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml",
  table: "application/vnd.openxmlformats-officedocument.spreadsheetml.table+xml",
  drawing: "application/vnd.openxmlformats-officedocument.drawing+xml",
  chart: "application/vnd.openxmlformats-officedocument.drawingml.chart+xml",
  workbook: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
  styles: "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml",
};
