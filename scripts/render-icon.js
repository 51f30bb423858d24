#!/usr/bin/env node
// Draws the Marketplace icon (media/icon.png, 128×128) from the SVG below with headless Chromium, so that the
// icon can be changed here and redrawn: `node scripts/render-icon.js`. A coloured tile with a white target and
// period bars reads on both light and dark backgrounds.
const path = require('node:path');
const { chromium } = require('playwright-core');

const SVG = `
<svg xmlns="http://www.w3.org/2000/svg" width="128" height="128" viewBox="0 0 128 128">
  <defs>
    <linearGradient id="tile" x1="0" y1="0" x2="1" y2="1">
      <stop offset="0" stop-color="#0f8a8a"/>
      <stop offset="1" stop-color="#1f4e9c"/>
    </linearGradient>
  </defs>
  <rect x="4" y="4" width="120" height="120" rx="26" fill="url(#tile)"/>
  <g fill="none" stroke="#ffffff" stroke-linecap="round">
    <circle cx="64" cy="50" r="30" stroke-width="7"/>
    <circle cx="64" cy="50" r="15" stroke-width="7"/>
  </g>
  <circle cx="64" cy="50" r="5.5" fill="#ffd166"/>
  <g fill="#ffffff">
    <rect x="25" y="94" width="12" height="16" rx="3" opacity="0.75"/>
    <rect x="43" y="86" width="12" height="24" rx="3" opacity="0.85"/>
    <rect x="61" y="90" width="12" height="20" rx="3" opacity="0.75"/>
    <rect x="79" y="82" width="12" height="28" rx="3" opacity="0.9"/>
    <rect x="97" y="88" width="12" height="22" rx="3" fill="#ffd166"/>
  </g>
</svg>`;

async function main() {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 128, height: 128 }, deviceScaleFactor: 1 });
    await page.setContent(`<html><body style="margin:0;background:transparent">${SVG}</body></html>`);
    const out = process.argv[2] || path.join(__dirname, '..', 'media', 'icon.png');
    await page.locator('svg').screenshot({ path: out, omitBackground: true });
    console.log(`wrote ${out}`);
  } finally {
    await browser.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
