import fs from 'node:fs'; import path from 'node:path';
const dir = fs.readdirSync('/tmp').filter(n=>n.startsWith('wvx-chromium-')).map(n=>'/tmp/'+n)[0];
const exe = path.join(dir,'chromium');
const { chromium } = await import('playwright-core');
const b = await chromium.launch({ executablePath: exe, args: ['--no-sandbox','--enable-logging=stderr', ...process.argv.slice(2)], env: { ...process.env, FONTCONFIG_PATH: path.join(dir, 'fonts') } });
const page = await b.newPage();
page.on('crash', () => console.log('CRASH'));
try { await page.goto('http://127.0.0.1:34737/?key=j_YlS6QAHjKKGkSWisBF_ABSSHEGfCpa'); console.log(await page.title()); } catch (e) { console.log(e.message.slice(0,200)); }
await b.close();
