#!/usr/bin/env node
// Draws images/icon.png (128×128): a container box seen through a lens. Pure Node (zlib), no image tools.
import { deflateSync } from 'node:zlib';
import { writeFileSync } from 'node:fs';

const N = 128;
const px = new Float64Array(N * N * 4);
const blend = (x, y, [r, g, b], a) => {
  const i = (y * N + x) * 4;
  px[i] = px[i] * (1 - a) + r * a;
  px[i + 1] = px[i + 1] * (1 - a) + g * a;
  px[i + 2] = px[i + 2] * (1 - a) + b * a;
  px[i + 3] = Math.min(1, px[i + 3] + a * (1 - px[i + 3]));
};
// Coverage by 4×4 supersampling keeps edges smooth.
const shape = (inside, color) => {
  for (let y = 0; y < N; y++)
    for (let x = 0; x < N; x++) {
      let c = 0;
      for (let sy = 0; sy < 4; sy++) for (let sx = 0; sx < 4; sx++) if (inside(x + (sx + 0.5) / 4, y + (sy + 0.5) / 4)) c++;
      if (c) blend(x, y, color, c / 16);
    }
};
const roundRect = (x0, y0, x1, y1, r) => (x, y) => {
  const cx = Math.min(Math.max(x, x0 + r), x1 - r), cy = Math.min(Math.max(y, y0 + r), y1 - r);
  return x >= x0 && x <= x1 && y >= y0 && y <= y1 && (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
};
const circle = (cx, cy, r) => (x, y) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
const ring = (cx, cy, r0, r1) => (x, y) => { const d = (x - cx) ** 2 + (y - cy) ** 2; return d <= r1 * r1 && d >= r0 * r0; };
const segment = (ax, ay, bx, by, w) => (x, y) => {
  const t = Math.max(0, Math.min(1, ((x - ax) * (bx - ax) + (y - ay) * (by - ay)) / ((bx - ax) ** 2 + (by - ay) ** 2)));
  return (x - ax - t * (bx - ax)) ** 2 + (y - ay - t * (by - ay)) ** 2 <= (w / 2) ** 2;
};

shape(roundRect(4, 4, 124, 124, 24), [14, 40, 72]);           // background
shape(circle(54, 54, 34), [30, 120, 190]);                    // lens glass
for (let i = 0; i < 3; i++) shape(roundRect(34, 36 + i * 13, 74, 46 + i * 13, 2), [235, 245, 255]); // container stack
shape(ring(54, 54, 34, 42), [240, 248, 255]);                 // lens rim
shape(segment(84, 84, 110, 110, 14), [240, 248, 255]);        // handle

const raw = Buffer.alloc(N * (N * 4 + 1));
for (let y = 0; y < N; y++) {
  raw[y * (N * 4 + 1)] = 0;
  for (let x = 0; x < N; x++) {
    const i = (y * N + x) * 4, o = y * (N * 4 + 1) + 1 + x * 4, a = px[i + 3];
    raw[o] = a ? Math.round(px[i] ) : 0; raw[o + 1] = a ? Math.round(px[i + 1]) : 0; raw[o + 2] = a ? Math.round(px[i + 2]) : 0; raw[o + 3] = Math.round(a * 255);
  }
}
const crcTable = Array.from({ length: 256 }, (_, n) => { let c = n; for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1; return c >>> 0; });
const crc = (buf) => { let c = 0xffffffff; for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8); return (c ^ 0xffffffff) >>> 0; };
const chunk = (type, data) => { const len = Buffer.alloc(4); len.writeUInt32BE(data.length); const td = Buffer.concat([Buffer.from(type), data]); const c = Buffer.alloc(4); c.writeUInt32BE(crc(td)); return Buffer.concat([len, td, c]); };
const ihdr = Buffer.alloc(13); ihdr.writeUInt32BE(N, 0); ihdr.writeUInt32BE(N, 4); ihdr[8] = 8; ihdr[9] = 6;
writeFileSync('images/icon.png', Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]));
