// Draws the add-in's icon (a blue shield with a white check mark, for "Security score") at the
// sizes the manifest uses, as PNG files in assets/. Deterministic: same bytes every run.
const fs = require("fs");
const path = require("path");
const zlib = require("zlib");

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}
function png(size, rgba) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  const raw = Buffer.alloc((size * 4 + 1) * size);
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0;
    rgba.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", zlib.deflateSync(raw, { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

function inShield(x, y) {
  const top = 0.08,
    shoulder = 0.5,
    bottom = 0.94,
    half = 0.38;
  if (y < top || y > bottom) return false;
  // A slight dip in the top edge makes it read as a shield at 16 px too.
  const dip = 0.04 * (1 - Math.pow((x - 0.5) / half, 2));
  if (y < top + dip) return false;
  if (y <= shoulder) return Math.abs(x - 0.5) <= half;
  const t = (y - shoulder) / (bottom - shoulder);
  return Math.abs(x - 0.5) <= half * Math.sqrt(Math.max(0, 1 - t * t));
}
function segDist(px, py, ax, ay, bx, by) {
  const dx = bx - ax,
    dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}
function inCheck(x, y, width) {
  return (
    segDist(x, y, 0.3, 0.5, 0.45, 0.66) < width || segDist(x, y, 0.45, 0.66, 0.72, 0.34) < width
  );
}

function draw(size) {
  const rgba = Buffer.alloc(size * size * 4);
  const ss = 4;
  const checkWidth = size <= 16 ? 0.075 : 0.06;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let shield = 0,
        check = 0;
      for (let sy = 0; sy < ss; sy++) {
        for (let sx = 0; sx < ss; sx++) {
          const u = (x + (sx + 0.5) / ss) / size;
          const v = (y + (sy + 0.5) / ss) / size;
          if (inShield(u, v)) {
            shield++;
            if (inCheck(u, v, checkWidth)) check++;
          }
        }
      }
      const n = ss * ss;
      const a = shield / n;
      const w = shield ? check / shield : 0;
      const i = (y * size + x) * 4;
      // Office blue #0F6CBD blended to white where the check mark is.
      rgba[i] = Math.round(15 + (255 - 15) * w);
      rgba[i + 1] = Math.round(108 + (255 - 108) * w);
      rgba[i + 2] = Math.round(189 + (255 - 189) * w);
      rgba[i + 3] = Math.round(255 * a);
    }
  }
  return png(size, rgba);
}

const out = path.join(__dirname, "..", "assets");
fs.mkdirSync(out, { recursive: true });
for (const size of [16, 32, 64, 80, 128]) {
  fs.writeFileSync(path.join(out, `icon-${size}.png`), draw(size));
}
console.log("icons written to assets/: 16, 32, 64, 80, 128 px");
